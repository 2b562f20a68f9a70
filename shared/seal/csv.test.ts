import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceDataError } from '../errors';
import { CsvParser, detectDelimiter, type CsvField } from './csv';

function parseAll(text: string, pieces: number[] = []): { line: number; fields: CsvField[] }[] {
  const parser = new CsvParser('t.csv');
  const records = [];
  let at = 0;
  for (const size of pieces) {
    records.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  records.push(...parser.push(text.slice(at)), ...parser.end());
  return records;
}

function refusal(text: string): SourceDataError {
  try {
    parseAll(text);
  } catch (error) {
    if (error instanceof SourceDataError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CsvParser', () => {
  it('parses comma and semicolon files, NULL for empty fields and "" for quoted empty', () => {
    expect(parseAll('a,b,c\n1,,""\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', null, ''] },
    ]);
    expect(parseAll('a;b\r\n"x;y";2\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', '2'] },
    ]);
  });

  it('strips a UTF-8 byte order mark and accepts a last line without newline', () => {
    expect(parseAll('\uFEFFid,naam\nGM0363,Amsterdam')).toEqual([
      { line: 1, fields: ['id', 'naam'] },
      { line: 2, fields: ['GM0363', 'Amsterdam'] },
    ]);
  });

  it('keeps quotes, delimiters and newlines inside quoted fields and reports the start line', () => {
    const records = parseAll('a,b\n"he said ""hi""","multi\nline"\nx,y\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['he said "hi"', 'multi\nline'] },
      { line: 4, fields: ['x', 'y'] },
    ]);
  });

  it('detects the delimiter from the header, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('"a;b",c')).toBe(',');
  });

  it('refuses broken quoting with the line', () => {
    const unclosed = refusal('a,b\n1,"open\n2,3\n');
    expect(unclosed.line).toBe(2);
    expect(unclosed.messageEn).toContain('quoted field is never closed');
    const stray = refusal('a,b\n1,x"y\n');
    expect(stray.line).toBe(2);
    expect(stray.messageEn).toContain('quote inside an unquoted field');
    const after = refusal('a,b\n"x"y,1\n');
    expect(after.messageEn).toContain('closing quote is followed');
    expect(after.messageNl).toContain('t.csv:2');
  });

  it('gives the same records however the text is cut into chunks', () => {
    const field = fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 20 }),
        (rows, pieces) => {
          const encode = (value: CsvField): string => (value === null ? '' : `"${value.replaceAll('"', '""')}"`);
          const text = `h1,h2\n${rows.map((row) => row.map(encode).join(',')).join('\n')}\n`;
          const whole = parseAll(text);
          const chunked = parseAll(text, pieces);
          expect(chunked).toEqual(whole);
          const bodies = whole.slice(1).map((r) => r.fields);
          // A row of two NULLs is written as "," — still two fields; nothing is lost.
          expect(bodies).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
