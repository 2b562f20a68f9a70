// The textual age v1 header: parse it strictly from bytes and serialize it.
//   age-encryption.org/v1\n
//   -> TYPE ARG…\n  BODY (unpadded base64, 64-column lines, the last one shorter, maybe empty)
//   --- MAC\n       (base64 of the 32-byte HMAC over everything up to and including "---")
// Parsing only checks form; unwrapping keys and the MAC check live in file-key.ts.
import { decodeView } from '../decode-view';
import { MalformedHeaderError, NotAgeFileError, TruncatedFileError } from '../errors';
import { decodeBase64, encodeBase64 } from './base64';

export const VERSION_LINE = 'age-encryption.org/v1';
/** A header longer than this is refused; real ones are a few hundred bytes per recipient. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const BODY_COLUMNS = 64;
const MAC_BYTES = 32;
// Lines are checked to be printable ASCII first, so UTF-8 decoding is exact.
const ASCII = new TextDecoder();

export interface Stanza {
  /** The first argument, e.g. 'X25519' or 'scrypt'. */
  type: string;
  /** The arguments after the type. */
  args: string[];
  body: Uint8Array;
}

export interface ParsedHeader {
  stanzas: Stanza[];
  /** The bytes the MAC covers: from the start up to and including "---". */
  macInput: Uint8Array;
  mac: Uint8Array;
  /** Bytes of the whole header, including the MAC line's newline; the payload nonce follows. */
  length: number;
}

function malformed(detailNl: string, detailEn: string): MalformedHeaderError {
  return new MalformedHeaderError(detailNl, detailEn);
}

/** Printable ASCII without the line end; age header lines hold nothing else. */
function isPrintable(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!;
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

function checkVersion(bytes: Uint8Array): void {
  const prefix = 'age-encryption.org/';
  const known = Math.min(bytes.length, VERSION_LINE.length + 1);
  const expected = `${VERSION_LINE}\n`;
  for (let index = 0; index < known; index++) {
    if (bytes[index] === expected.charCodeAt(index)) continue;
    if (index >= prefix.length) {
      throw new NotAgeFileError(
        'het is een andere age-versie dan v1',
        'it is an age version other than v1',
      );
    }
    throw new NotAgeFileError();
  }
}

/**
 * Parses the header at the start of `bytes`. When the bytes end inside the header:
 * returns null if `complete` is false (the caller reads more), else TruncatedFileError.
 */
export function parseHeader(bytes: Uint8Array, complete: boolean): ParsedHeader | null {
  checkVersion(bytes);
  const stanzas: Stanza[] = [];
  let position = 0;
  let current: Stanza | null = null;
  let bodyParts: Uint8Array[] = [];
  for (let lineIndex = 0; ; lineIndex++) {
    const newline = bytes.indexOf(0x0a, position);
    if (newline < 0 || newline > MAX_HEADER_BYTES) {
      if (bytes.length > MAX_HEADER_BYTES || newline > MAX_HEADER_BYTES) {
        throw malformed('de kop is langer dan 1 MiB', 'the header is longer than 1 MiB');
      }
      if (complete) throw new TruncatedFileError();
      return null;
    }
    if (!isPrintable(bytes, position, newline)) {
      throw malformed(`regel ${lineIndex + 1} bevat ongeldige tekens`, `line ${lineIndex + 1} holds invalid characters`);
    }
    const line = decodeView(ASCII, bytes.subarray(position, newline));
    const lineStart = position;
    position = newline + 1;
    if (lineIndex === 0) continue; // the version line, checked above
    if (current !== null) {
      const part = line.length <= BODY_COLUMNS ? decodeBase64(line, false) : null;
      if (part === null) {
        throw malformed(`regel ${lineIndex + 1} is geen geldige stanza-inhoud`, `line ${lineIndex + 1} is not a valid stanza body`);
      }
      bodyParts.push(part);
      if (line.length < BODY_COLUMNS) {
        current.body = concatenate(bodyParts);
        stanzas.push(current);
        current = null;
        bodyParts = [];
      }
      continue;
    }
    if (line.startsWith('-> ')) {
      const [type, ...args] = line.slice(3).split(' ');
      if (type === undefined || type === '' || args.some((argument) => argument === '')) {
        throw malformed(`regel ${lineIndex + 1} is een ongeldige stanza`, `line ${lineIndex + 1} is an invalid stanza`);
      }
      current = { type, args, body: new Uint8Array(0) };
      continue;
    }
    if (line.startsWith('--- ') || line === '---') {
      const mac = decodeBase64(line.slice(4), false);
      if (mac === null || mac.length !== MAC_BYTES) {
        throw malformed('de MAC-regel is ongeldig', 'the MAC line is invalid');
      }
      if (stanzas.length === 0) throw malformed('de kop heeft geen ontvangers', 'the header has no recipients');
      return { stanzas, macInput: bytes.subarray(0, lineStart + 3), mac, length: position };
    }
    throw malformed(`regel ${lineIndex + 1} is geen stanza en geen MAC`, `line ${lineIndex + 1} is neither a stanza nor the MAC`);
  }
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** The header up to and including "---": the bytes the MAC is computed over. */
export function serializeHeaderWithoutMac(stanzas: readonly Stanza[]): Uint8Array {
  const lines = [`${VERSION_LINE}\n`];
  for (const stanza of stanzas) {
    lines.push(`-> ${[stanza.type, ...stanza.args].join(' ')}\n`);
    const bodyBytes = (BODY_COLUMNS / 4) * 3;
    // A body that fills its last line exactly is followed by an empty line, as the spec demands.
    for (let index = 0; index <= stanza.body.length; index += bodyBytes) {
      lines.push(`${encodeBase64(stanza.body.subarray(index, index + bodyBytes), false)}\n`);
    }
  }
  lines.push('---');
  return new TextEncoder().encode(lines.join(''));
}

/** The complete header: the MAC input plus " MAC\n". */
export function serializeHeader(macInput: Uint8Array, mac: Uint8Array): Uint8Array {
  const macLine = new TextEncoder().encode(` ${encodeBase64(mac, false)}\n`);
  const header = new Uint8Array(macInput.length + macLine.length);
  header.set(macInput);
  header.set(macLine, macInput.length);
  return header;
}
