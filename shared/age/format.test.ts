// Unit tests of the pure pieces: canonical base64, the header's text form, the STREAM
// layout and nonces, armor, and key strings. Numbers are worked out by hand.
import { describe, expect, it } from 'vitest';
import { InvalidIdentityFileError, InvalidParameterError, MalformedHeaderError, NotAgeFileError, TruncatedFileError } from '../errors';
import { decodeArmor, encodeArmor } from './armor';
import { decodeBase64, decodeBase64Into, encodeBase64, encodeBase64Into } from './base64';
import { parseHeader, serializeHeader, serializeHeaderWithoutMac } from './header';
import { encodeIdentity, encodeRecipient, parseIdentityFile, parseRecipient } from './keys';
import { payloadLayout, sealedPayloadLength, writeStreamNonce } from './payload';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (value: string) => new TextEncoder().encode(value);

describe('base64', () => {
  it('encodes and decodes the RFC 4648 test vectors, padded and unpadded', () => {
    for (const [plain, padded] of [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE=']]) {
      expect(encodeBase64(bytes(plain!), true)).toBe(padded);
      expect(encodeBase64(bytes(plain!), false)).toBe(padded!.replaceAll('=', ''));
      expect(text(decodeBase64(padded!, true)!)).toBe(plain);
      expect(text(decodeBase64(padded!.replaceAll('=', ''), false)!)).toBe(plain);
    }
  });

  it('decodes and encodes armor lines on bytes, refusing the same non-canonical forms', () => {
    const output = new Uint8Array(8);
    expect(decodeBase64Into(bytes('Zm9vYmE='), 0, 8, output, 1)).toBe(5);
    expect(text(output.subarray(1, 6))).toBe('fooba');
    for (const bad of ['Zh==', 'Zm9=', 'Zm=v', 'Zm9', '====', 'Zm9v\n===']) expect(decodeBase64Into(bytes(bad), 0, bad.length, output, 0)).toBe(-1);
    const encoded = new Uint8Array(8);
    expect(encodeBase64Into(bytes('foob'), encoded, 0)).toBe(8);
    expect(text(encoded)).toBe('Zm9vYg==');
  });

  it('refuses non-canonical text: padding where none belongs, stray bits, bad characters', () => {
    expect(decodeBase64('Zg==', false)).toBeNull();
    expect(decodeBase64('Zh', false)).toBeNull(); // 'h' leaves non-zero padding bits
    expect(decodeBase64('Zm9v\n', false)).toBeNull();
    expect(decodeBase64('Z', false)).toBeNull();
    expect(decodeBase64('Zm9', true)).toBeNull();
  });
});

describe('header', () => {
  const stanzas = [
    { type: 'X25519', args: ['abc'], body: new Uint8Array(32).fill(1) },
    { type: 'test', args: [], body: new Uint8Array(48).fill(2) },
  ];

  it('serializes bodies in 64-column lines, with an empty line after a full last line, and parses back', () => {
    const macInput = serializeHeaderWithoutMac(stanzas);
    expect(text(macInput)).toBe(
      'age-encryption.org/v1\n-> X25519 abc\nAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE\n-> test\n' +
        `${'AgIC'.repeat(16)}\n\n---`,
    );
    const header = serializeHeader(macInput, new Uint8Array(32).fill(3));
    const parsed = parseHeader(header, true)!;
    expect(parsed.length).toBe(header.length);
    expect(parsed.macInput).toEqual(macInput);
    expect(parsed.mac).toEqual(new Uint8Array(32).fill(3));
    expect(parsed.stanzas).toEqual(stanzas);
  });

  it('asks for more bytes when incomplete, and calls an ended header truncated', () => {
    const header = serializeHeader(serializeHeaderWithoutMac(stanzas), new Uint8Array(32));
    expect(parseHeader(header.subarray(0, 40), false)).toBeNull();
    expect(() => parseHeader(header.subarray(0, 40), true)).toThrow(TruncatedFileError);
  });

  it('refuses wrong versions, double spaces, long body lines and a bad MAC line', () => {
    expect(() => parseHeader(bytes('age-encryption.org/v2\n'), true)).toThrow(NotAgeFileError);
    expect(() => parseHeader(bytes('AGE-encryption.org/v1\n'), true)).toThrow(NotAgeFileError);
    expect(() => parseHeader(bytes('age-encryption.org/v1\n->  X25519\n\n--- AAAA\n'), true)).toThrow(MalformedHeaderError);
    expect(() => parseHeader(bytes(`age-encryption.org/v1\n-> a\n${'A'.repeat(68)}\n\n`), true)).toThrow(MalformedHeaderError);
    expect(() => parseHeader(bytes('age-encryption.org/v1\n-> a\n\n--- AAAA\n'), true)).toThrow('the MAC line is invalid');
    expect(() => parseHeader(bytes(`age-encryption.org/v1\n--- ${'A'.repeat(43)}\n`), true)).toThrow('no recipients');
  });
});

describe('STREAM layout', () => {
  it('computes plaintext lengths from payload lengths', () => {
    expect(payloadLayout(16)).toEqual({ plaintextLength: 0, chunkCount: 1 });
    expect(payloadLayout(17)).toEqual({ plaintextLength: 1, chunkCount: 1 });
    expect(payloadLayout(65552)).toEqual({ plaintextLength: 65536, chunkCount: 1 });
    expect(payloadLayout(65552 + 17)).toEqual({ plaintextLength: 65537, chunkCount: 2 });
    expect(payloadLayout(3 * 65552)).toEqual({ plaintextLength: 196608, chunkCount: 3 });
    for (const size of [0, 1, 65536, 65537, 196608, 3_000_017]) expect(payloadLayout(sealedPayloadLength(size)).plaintextLength).toBe(size);
  });

  it('calls impossible lengths truncated: shorter than a tag, or a last chunk of 1–16 bytes', () => {
    for (const length of [0, 15, 65552 + 1, 65552 + 16, 2 * 65552 + 8]) expect(() => payloadLayout(length)).toThrow(TruncatedFileError);
  });

  it('writes the 11-byte big-endian counter and the last-chunk flag', () => {
    const nonce = new Uint8Array(12);
    writeStreamNonce(nonce, 0x010203, true);
    expect([...nonce]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 1]);
    writeStreamNonce(nonce, 2 ** 40 + 5, false);
    expect([...nonce]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 5, 0]);
  });
});

describe('armor', () => {
  it('round-trips with 64-column lines and refuses a missing END as truncated', () => {
    const file = new Uint8Array(100).map((_, index) => index);
    const armored = text(encodeArmor(file));
    const lines = armored.split('\n');
    expect(lines[0]).toBe('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines[2]).toHaveLength(64);
    expect(lines[3]).toBe('YGFiYw==');
    expect(lines[4]).toBe('-----END AGE ENCRYPTED FILE-----');
    expect(decodeArmor(bytes(armored))).toEqual(file);
    expect(() => decodeArmor(bytes(lines.slice(0, 3).join('\n')))).toThrow(TruncatedFileError);
    expect(() => decodeArmor(bytes(`${lines[0]}\n${lines[4]}\n`))).toThrow(MalformedHeaderError);
    expect(() => decodeArmor(bytes([lines[0], 'YGFiYw==', lines[1], lines[4], ''].join('\n')))).toThrow('only the last line');
  });
});

describe('keys', () => {
  const scalar = new Uint8Array(32).fill(0x42);
  const identity = encodeIdentity(scalar);
  const recipient = encodeRecipient(new Uint8Array(32).fill(9));

  it('reads identity files with comments, blank lines and several keys', () => {
    const other = encodeIdentity(new Uint8Array(32).fill(7));
    expect(parseIdentityFile(`# created: 2026-01-01T00:00:00Z\n# public key: ${recipient}\n${identity}\n\n  ${other}\r\n`)).toEqual([identity, other]);
  });

  it('refuses garbage, public keys, plugin keys, encrypted files and empty files', () => {
    expect(() => parseIdentityFile('hello\n')).toThrow(InvalidIdentityFileError);
    expect(() => parseIdentityFile(`# c\n${recipient}\n`)).toThrow('line 2 is a public key');
    expect(() => parseIdentityFile('AGE-PLUGIN-YUBIKEY-1ABC\n')).toThrow('plugin identity');
    expect(() => parseIdentityFile('age-encryption.org/v1\n')).toThrow('decrypt it first');
    expect(() => parseIdentityFile('# only a comment\n')).toThrow('holds no identity');
    expect(() => parseIdentityFile(`${identity.slice(0, -1)}Q\n`)).toThrow(InvalidIdentityFileError);
  });

  it('checks recipients', () => {
    expect(parseRecipient(`  ${recipient}\n`)).toBe(recipient);
    expect(() => parseRecipient('age1nope')).toThrow(InvalidParameterError);
    expect(() => parseRecipient(identity)).toThrow('this is a secret key');
  });
});
