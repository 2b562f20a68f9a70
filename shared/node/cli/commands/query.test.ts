import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, formatTable } from './query';

const RESULT = {
  columns: ['naam', 'aantal', 'leeg', 'bytes'],
  rows: [
    ['Amsterdam', 12, null, new Uint8Array([0, 255])],
    ['Den "Haag", Zuid', 3.5, null, null],
  ],
  truncated: false,
};

describe('query output formats', () => {
  it('aligns a table, numbers to the right, NULL shown', () => {
    expect(formatTable(RESULT)).toBe(
      [
        'naam              aantal  leeg  bytes',
        '----------------  ------  ----  -------',
        'Amsterdam             12  NULL  x\'00ff\'',
        'Den "Haag", Zuid     3.5  NULL  NULL',
        '',
      ].join('\n'),
    );
  });

  it('writes RFC 4180 CSV with CRLF and NULL as an empty field', () => {
    expect(formatCsv(RESULT)).toBe('naam,aantal,leeg,bytes\r\nAmsterdam,12,,x\'00ff\'\r\n"Den ""Haag"", Zuid",3.5,,\r\n');
  });

  it('writes JSON with rows as arrays and the truncation flag', () => {
    expect(JSON.parse(formatJson({ ...RESULT, truncated: true }))).toEqual({
      columns: ['naam', 'aantal', 'leeg', 'bytes'],
      rows: [['Amsterdam', 12, null, "x'00ff'"], ['Den "Haag", Zuid', 3.5, null, null]],
      truncated: true,
    });
  });

  it('prints only the header for an empty result', () => {
    expect(formatTable({ columns: ['a'], rows: [], truncated: false })).toBe('a\n-\n');
    expect(formatCsv({ columns: ['a'], rows: [], truncated: false })).toBe('a\r\n');
  });
});
