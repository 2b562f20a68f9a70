// The age ASCII armor: a strict PEM subset ("-----BEGIN AGE ENCRYPTED FILE-----",
// padded base64 in lines of exactly 64 columns except the last, the END line).
// Leading and trailing whitespace and CRLF line ends are accepted, as the age CLI does.
import { MalformedHeaderError, TruncatedFileError } from '../errors';
import { decodeBase64Into, encodeBase64Into } from './base64';

export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
export const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const COLUMNS = 64;
const BYTES_PER_LINE = 48;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function skipWhitespace(bytes: Uint8Array, from: number): number {
  let index = from;
  while (index < bytes.length && isWhitespace(bytes[index]!)) index++;
  return index;
}

function startsWithText(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let index = 0; index < text.length; index++) if (bytes[at + index] !== text.charCodeAt(index)) return false;
  return true;
}

/** True when the file (after optional leading whitespace) starts with the armor's BEGIN line. */
export function isArmored(bytes: Uint8Array): boolean {
  return startsWithText(bytes, skipWhitespace(bytes, 0), ARMOR_BEGIN);
}

function malformed(lineNumber: number, detailNl: string, detailEn: string): MalformedHeaderError {
  return new MalformedHeaderError(
    `de ASCII-armor is ongeldig op regel ${lineNumber} (${detailNl})`,
    `the ASCII armor is invalid at line ${lineNumber} (${detailEn})`,
  );
}

/** Reads one line from `start`; returns its text end (without CR/LF) and the next line's start. */
function lineAt(bytes: Uint8Array, start: number): { end: number; next: number } | null {
  const newline = bytes.indexOf(0x0a, start);
  if (newline < 0) return null;
  const end = newline > start && bytes[newline - 1] === 0x0d ? newline - 1 : newline;
  return { end, next: newline + 1 };
}

/**
 * Decodes an armored file to the binary age file. A missing END line is a truncated file;
 * any other deviation from the strict format is a MalformedHeaderError.
 */
export function decodeArmor(bytes: Uint8Array): Uint8Array {
  let position = skipWhitespace(bytes, 0);
  const first = lineAt(bytes, position);
  if (first === null) throw new TruncatedFileError();
  if (first.end - position !== ARMOR_BEGIN.length) throw malformed(1, 'kopregel', 'BEGIN line');
  position = first.next;
  // An upper bound: every remaining byte could at most be a base64 character.
  const output = new Uint8Array(Math.ceil((bytes.length - position) / 4) * 3);
  let written = 0;
  let lineNumber = 1;
  let sawShortLine = false;
  for (;;) {
    lineNumber++;
    const line = lineAt(bytes, position);
    if (line === null) {
      // No END line: the rest is an unfinished line or nothing at all.
      throw new TruncatedFileError();
    }
    const length = line.end - position;
    if (startsWithText(bytes, position, ARMOR_END) && length === ARMOR_END.length) {
      if (lineNumber === 2) throw malformed(lineNumber, 'geen inhoud', 'no content');
      if (skipWhitespace(bytes, line.next) !== bytes.length) throw malformed(lineNumber + 1, 'tekst na het einde', 'text after the END line');
      return output.subarray(0, written);
    }
    if (sawShortLine) throw malformed(lineNumber, 'alleen de laatste regel mag korter zijn dan 64 tekens', 'only the last line may be shorter than 64 columns');
    if (length === 0 || length > COLUMNS) throw malformed(lineNumber, 'regellengte', 'line length');
    // Only the last line may be short or carry '=' padding.
    if (length < COLUMNS || bytes[line.end - 1] === 0x3d) sawShortLine = true;
    const decoded = decodeBase64Into(bytes, position, line.end, output, written);
    if (decoded < 0) throw malformed(lineNumber, 'geen geldige base64', 'not valid base64');
    written += decoded;
    position = line.next;
  }
}

/** Encodes a binary age file as armor, in the age CLI's layout (final newline included). */
export function encodeArmor(file: Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const begin = encoder.encode(`${ARMOR_BEGIN}\n`);
  const end = encoder.encode(`${ARMOR_END}\n`);
  const lineCount = Math.ceil(file.length / BYTES_PER_LINE);
  const textLength = Math.ceil(file.length / 3) * 4;
  const output = new Uint8Array(begin.length + textLength + lineCount + end.length);
  output.set(begin);
  let written = begin.length;
  // Bytes, not strings: a seal of a large snapshot may be armored.
  for (let index = 0; index < file.length; index += BYTES_PER_LINE) {
    written += encodeBase64Into(file.subarray(index, index + BYTES_PER_LINE), output, written);
    output[written++] = 0x0a;
  }
  output.set(end, written);
  return output;
}
