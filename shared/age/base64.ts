// Strict base64 (RFC 4648 standard alphabet) for the age header and armor.
// age demands canonical encodings: a decoder that accepted non-zero padding bits or
// stray characters would let a changed header line decode to the same bytes.
// Returns null for anything not canonical, so callers choose the typed refusal.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
const VALUES = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let index = 0; index < ALPHABET.length; index++) table[ALPHABET.charCodeAt(index)] = index;
  return table;
})();

/** Encodes bytes; `padded` adds '=' like the armor, unpadded is the header's form. */
export function encodeBase64(bytes: Uint8Array, padded: boolean): string {
  let text = '';
  let index = 0;
  for (; index + 3 <= bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    text += ALPHABET[triple >> 18]! + ALPHABET[(triple >> 12) & 63]! + ALPHABET[(triple >> 6) & 63]! + ALPHABET[triple & 63]!;
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const value = bytes[index]! << 16;
    text += ALPHABET[value >> 18]! + ALPHABET[(value >> 12) & 63]! + (padded ? '==' : '');
  } else if (rest === 2) {
    const value = (bytes[index]! << 16) | (bytes[index + 1]! << 8);
    text += ALPHABET[value >> 18]! + ALPHABET[(value >> 12) & 63]! + ALPHABET[(value >> 6) & 63]! + (padded ? '=' : '');
  }
  return text;
}

/** Encodes bytes as padded base64 ASCII into `output` at `offset`; returns the bytes written. */
export function encodeBase64Into(bytes: Uint8Array, output: Uint8Array, offset: number): number {
  let written = offset;
  const put = (value: number) => (output[written++] = ALPHABET_CODES[value]!);
  let index = 0;
  for (; index + 3 <= bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    put(triple >> 18);
    put((triple >> 12) & 63);
    put((triple >> 6) & 63);
    put(triple & 63);
  }
  const rest = bytes.length - index;
  if (rest > 0) {
    const value = (bytes[index]! << 16) | (rest === 2 ? bytes[index + 1]! << 8 : 0);
    put(value >> 18);
    put((value >> 12) & 63);
    if (rest === 2) put((value >> 6) & 63);
    else output[written++] = 0x3d;
    output[written++] = 0x3d;
  }
  return written - offset;
}

/**
 * Decodes canonical, padded base64 from ASCII bytes [start, end) straight into `output`
 * at `offset` (no strings: armored files can be hundreds of MB). Returns the number of
 * bytes written, or -1 when the text is not canonical.
 */
export function decodeBase64Into(text: Uint8Array, start: number, end: number, output: Uint8Array, offset: number): number {
  if ((end - start) % 4 !== 0) return -1;
  let written = offset;
  // Whole quads without padding: 4 characters → 3 bytes, the hot loop for large armor.
  const padding = end > start && text[end - 1] === 0x3d ? (text[end - 2] === 0x3d ? 2 : 1) : 0;
  const fullEnd = padding === 0 ? end : end - 4;
  for (let index = start; index < fullEnd; index += 4) {
    const a = value(text[index]!);
    const b = value(text[index + 1]!);
    const c = value(text[index + 2]!);
    const d = value(text[index + 3]!);
    if ((a | b | c | d) < 0) return -1;
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    output[written++] = triple >> 16;
    output[written++] = (triple >> 8) & 0xff;
    output[written++] = triple & 0xff;
  }
  if (padding > 0) {
    const a = value(text[fullEnd]!);
    const b = value(text[fullEnd + 1]!);
    const c = padding === 1 ? value(text[fullEnd + 2]!) : 0;
    if ((a | b | c) < 0) return -1;
    // The bits below the last byte must be zero, or two texts would decode alike.
    if (padding === 2 ? (b & 0x0f) !== 0 : (c & 0x03) !== 0) return -1;
    output[written++] = (a << 2) | (b >> 4);
    if (padding === 1) output[written++] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return written - offset;
}

function value(code: number): number {
  return code < 128 ? VALUES[code]! : -1;
}

/**
 * Decodes canonical base64 or returns null. `padded`: the text must carry '=' padding
 * to a multiple of 4 (armor); otherwise it must carry none (header).
 */
export function decodeBase64(text: string, padded: boolean): Uint8Array | null {
  let length = text.length;
  if (padded) {
    if (length % 4 !== 0) return null;
    if (text.endsWith('==')) length -= 2;
    else if (text.endsWith('=')) length -= 1;
  }
  if (length % 4 === 1) return null;
  const output = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return null;
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      output[written++] = (bits >> bitCount) & 0xff;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes.
  if ((bits & ((1 << bitCount) - 1)) !== 0) return null;
  return output;
}
