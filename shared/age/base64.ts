// Strict base64 (RFC 4648 standard alphabet) for the age header and armor.
// age demands canonical encodings: a decoder that accepted non-zero padding bits or
// stray characters would let a changed header line decode to the same bytes.
// Returns null for anything not canonical, so callers choose the typed refusal.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
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
