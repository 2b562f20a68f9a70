// Incremental CSV parser for `seal`: fed text in chunks of any size, it returns whole
// records with the line each starts on, so national-scale extracts stream through in
// bounded memory and every refusal can name the file and line. RFC 4180 quoting; the
// delimiter (comma or semicolon) is detected from the header line. An empty unquoted
// field is NULL; a quoted empty field ("") is the empty string.
import { SourceDataError } from '../errors';

export type CsvField = string | null;

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: CsvField[];
}

export type Delimiter = ',' | ';';

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** Count delimiters outside quotes in the header line to pick ',' or ';'. */
export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export class CsvParser {
  private buffer = '';
  /** Line number (1-based) of the first character in `buffer`. */
  private bufferLine = 1;
  private delimiterCode = -1;
  private started = false;

  constructor(
    private readonly file: string,
    delimiter?: Delimiter,
  ) {
    if (delimiter !== undefined) this.delimiterCode = delimiter.charCodeAt(0);
  }

  get delimiter(): Delimiter | null {
    if (this.delimiterCode === -1) return null;
    return this.delimiterCode === 59 ? ';' : ',';
  }

  /** Feed the next piece of text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    return this.parse(false);
  }

  /** No more text: returns the last record; refuses an unterminated quoted field. */
  end(): CsvRecord[] {
    this.started = true;
    return this.parse(true);
  }

  private fail(line: number, detailNl: string, detailEn: string): never {
    throw new SourceDataError(this.file, line, null, detailNl, detailEn);
  }

  private parse(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const text = this.buffer;
    const length = text.length;
    if (this.delimiterCode === -1) {
      const newline = text.indexOf('\n');
      if (newline === -1 && !final) return records;
      this.delimiterCode = detectDelimiter(newline === -1 ? text : text.slice(0, newline)).charCodeAt(0);
    }
    const delimiter = this.delimiterCode;
    let position = 0;
    let line = this.bufferLine;

    // Parse one record at a time; stop (keeping the rest) where a record is incomplete.
    for (;;) {
      if (position >= length) break;
      const recordStart = position;
      const recordLine = line;
      const fields: CsvField[] = [];
      let i = position;
      let complete = false;
      for (;;) {
        if (i >= length) {
          if (!final) break;
          // Final record without a trailing newline.
          fields.push(null);
          complete = true;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          // Quoted field: find the closing quote, doubling "" as an escaped quote.
          let value = '';
          let j = i + 1;
          let segmentStart = j;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q === -1) break;
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(segmentStart, q + 1);
              j = q + 2;
              segmentStart = j;
              continue;
            }
            if (q + 1 >= length && !final) break; // cannot tell yet whether "" follows
            value += text.slice(segmentStart, q);
            j = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) break;
            this.fail(recordLine, 'een veld tussen aanhalingstekens wordt niet afgesloten', 'a quoted field is never closed');
          }
          for (let k = i; k < j; k++) if (text.charCodeAt(k) === LF) line++;
          fields.push(value);
          i = j;
          const next = i < length ? text.charCodeAt(i) : -1;
          if (next === delimiter) {
            i++;
            continue;
          }
          if (next === LF || (next === CR && text.charCodeAt(i + 1) === LF)) {
            i += next === CR ? 2 : 1;
            line++;
            complete = true;
            break;
          }
          if (next === CR && i + 1 >= length && !final) break;
          if (next === -1) {
            if (!final) break;
            complete = true;
            break;
          }
          this.fail(
            line,
            'na het afsluitende aanhalingsteken volgt geen scheidingsteken of regeleinde',
            'a closing quote is followed by something other than a delimiter or line end',
          );
        }
        // Unquoted field: up to the next delimiter or line end.
        let j = i;
        while (j < length) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === LF || d === CR) break;
          if (d === QUOTE) {
            this.fail(line, 'een aanhalingsteken midden in een veld zonder aanhalingstekens', 'a quote inside an unquoted field');
          }
          j++;
        }
        if (j >= length && !final) break;
        fields.push(j === i ? null : text.slice(i, j));
        if (j >= length) {
          complete = true;
          i = j;
          break;
        }
        const d = text.charCodeAt(j);
        if (d === delimiter) {
          i = j + 1;
          if (i >= length && final) {
            fields.push(null);
            complete = true;
            break;
          }
          continue;
        }
        if (d === CR) {
          if (j + 1 >= length && !final) break;
          if (text.charCodeAt(j + 1) !== LF) {
            this.fail(line, 'een losse CR zonder LF als regeleinde', 'a bare CR without LF as line end');
          }
          i = j + 2;
        } else {
          i = j + 1;
        }
        line++;
        complete = true;
        break;
      }
      if (!complete) {
        line = recordLine;
        position = recordStart;
        break;
      }
      // A blank line (a single NULL field) is skipped, as spreadsheet tools write them at the end.
      if (!(fields.length === 1 && fields[0] === null)) records.push({ line: recordLine, fields });
      position = i;
    }
    this.buffer = position >= length ? '' : text.slice(position);
    this.bufferLine = line;
    return records;
  }
}
