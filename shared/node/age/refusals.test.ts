// Refusals: every bad file or key gives a typed KetenlensError on both decrypt paths
// (node:crypto and the worker's libsodium wasm, from bytes, a file or a Blob, and the
// command line's decryption on demand) — never success, never a plain Error, never a hang.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmptyFileError,
  FileReadError,
  FileTooLargeError,
  HeaderTamperedError,
  InvalidIdentityFileError,
  KetenlensError,
  KeyKindMismatchError,
  MalformedHeaderError,
  NotAgeFileError,
  PayloadTamperedError,
  ScryptWorkFactorTooHighError,
  TruncatedFileError,
  UnsupportedRecipientError,
  WrongIdentityError,
  WrongPassphraseError,
} from '../../errors';
import { encodeArmor } from '../../age/armor';
import { headerMac, payloadKey, wrapFileKey } from '../../age/file-key';
import { parseHeader, serializeHeader, serializeHeaderWithoutMac, type Stanza } from '../../age/header';
import { decryptAge, decryptAgeBlob, type AgeKey } from '../../age/index';
import { noblePrimitives } from '../../age/noble';
import { SEALED_CHUNK_BYTES, sealChunks, sealedPayloadLength } from '../../age/payload';
import { decryptAgeBytes, decryptAgeFile, encryptAge, generateIdentity } from './index';
import { openAgeFileOnDemand } from './on-demand';
import { ageEncrypt, makeTempDir, pseudoRandomBytes, type TempDir } from '../../../test/support/age-cli';

/** The command line's decryption on demand: the header refused at once, the payload by the verification's verdict. */
async function onDemandVerdict(path: string, key: AgeKey, options: { maxBytes?: number }): Promise<unknown> {
  const file = await openAgeFileOnDemand(path, key, options);
  if (file === null) return decryptAgeFile(path, key, options); // armored: decrypted whole
  try {
    return await file.verdict;
  } finally {
    file.release();
  }
}

type ErrorClass = abstract new (...args: never[]) => KetenlensError;

async function refusalOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  return 'success';
}

let dir: TempDir;
let fileCounter = 0;

/** Runs all four decrypt paths (node bytes, worker bytes, node file, worker Blob) and checks each refuses with one of `expected`. */
async function expectRefused(file: Uint8Array, key: AgeKey, expected: ErrorClass[], options: { maxBytes?: number } = {}): Promise<KetenlensError[]> {
  const path = dir.file(`case-${fileCounter++}.age`);
  writeFileSync(path, file);
  const errors = [
    await refusalOf(() => decryptAgeBytes(file, key, options)),
    await refusalOf(() => decryptAge(file, key, options)),
    await refusalOf(() => decryptAgeFile(path, key, options)),
    await refusalOf(() => decryptAgeBlob(new Blob([new Uint8Array(file)]), key, options)),
    await refusalOf(() => onDemandVerdict(path, key, options)),
  ];
  for (const error of errors) {
    expect(error, `got ${String(error)}`).toBeInstanceOf(KetenlensError);
    expect(expected.some((kind) => error instanceof kind), `got ${String(error)}`).toBe(true);
  }
  return errors.filter((error) => error instanceof KetenlensError);
}

const identity = generateIdentity();
const other = generateIdentity();
const identityKey: AgeKey = { kind: 'identities', identities: [identity.identity] };
const plaintext = pseudoRandomBytes(3 * 65536 + 100, 11);
let cliFile: Uint8Array;
let headerLength: number;

beforeAll(() => {
  dir = makeTempDir();
  cliFile = ageEncrypt(dir, plaintext, [identity.recipient]);
  headerLength = parseHeader(cliFile, true)!.length;
});
afterAll(() => dir.remove());

/** A complete file with hand-made stanzas (a valid MAC), for header cases no tool writes. */
async function craftedFile(stanzas: Stanza[], fileKey: Uint8Array, body: Uint8Array): Promise<Uint8Array> {
  const macInput = serializeHeaderWithoutMac(stanzas);
  const header = serializeHeader(macInput, headerMac(noblePrimitives, fileKey, macInput));
  const nonce = new Uint8Array(16).fill(7);
  const sealed = new Uint8Array(sealedPayloadLength(body.length));
  sealChunks(noblePrimitives, payloadKey(noblePrimitives, fileKey, nonce), body, 0, Math.max(1, Math.ceil(body.length / 65536)) - 1, sealed, 0);
  const file = new Uint8Array(header.length + 16 + sealed.length);
  file.set(header);
  file.set(nonce, header.length);
  file.set(sealed, header.length + 16);
  return file;
}

describe('keys', () => {
  it('refuses a wrong passphrase', async () => {
    const file = await encryptAge(plaintext, { kind: 'passphrase', passphrase: 'goed', logN: 8 });
    const [error] = await expectRefused(file, { kind: 'passphrase', passphrase: 'fout' }, [WrongPassphraseError]);
    expect(error!.messageNl).toContain('wachtwoordzin is onjuist');
  });

  it('refuses wrong identities, naming how many were tried', async () => {
    const [error] = await expectRefused(cliFile, { kind: 'identities', identities: [other.identity, generateIdentity().identity] }, [WrongIdentityError]);
    expect(error!.messageEn).toBe('None of the 2 given identities can open this snapshot.');
  });

  it('refuses a passphrase for an X25519 file and identities for a passphrase file', async () => {
    const [first] = await expectRefused(cliFile, { kind: 'passphrase', passphrase: 'x' }, [KeyKindMismatchError]);
    expect(first!.messageEn).toContain('encrypted to public keys');
    const file = await encryptAge(plaintext, { kind: 'passphrase', passphrase: 'goed', logN: 8 });
    const [second] = await expectRefused(file, identityKey, [KeyKindMismatchError]);
    expect(second!.messageEn).toContain('encrypted with a passphrase');
  });

  it('refuses a malformed identity string', async () => {
    await expectRefused(cliFile, { kind: 'identities', identities: ['AGE-SECRET-KEY-1QQQ'] }, [InvalidIdentityFileError]);
  });

  it('refuses scrypt work factors above 2^22 before running scrypt (else this would hang)', async () => {
    const fileKey = new Uint8Array(16).fill(1);
    const [stanza] = await wrapFileKey(noblePrimitives, fileKey, { kind: 'passphrase', passphrase: 'p', logN: 2 });
    const file = await craftedFile([{ ...stanza!, args: [stanza!.args[0]!, '40'] }], fileKey, new Uint8Array(10));
    const [error] = await expectRefused(file, { kind: 'passphrase', passphrase: 'p' }, [ScryptWorkFactorTooHighError]);
    expect(error!.messageEn).toContain('2^40');
    expect(error!.messageEn).toContain('2^22');
  });

  it('refuses a scrypt stanza that is not the only stanza', async () => {
    const fileKey = new Uint8Array(16).fill(2);
    const scrypt = await wrapFileKey(noblePrimitives, fileKey, { kind: 'passphrase', passphrase: 'p', logN: 2 });
    const x25519 = await wrapFileKey(noblePrimitives, fileKey, { kind: 'x25519', recipients: [identity.recipient] });
    const file = await craftedFile([...scrypt, ...x25519], fileKey, new Uint8Array(10));
    for (const key of [{ kind: 'passphrase', passphrase: 'p' }, identityKey] satisfies AgeKey[]) {
      const [error] = await expectRefused(file, key, [MalformedHeaderError]);
      expect(error!.messageEn).toContain('a scrypt stanza must be the only stanza');
    }
  });

  it('refuses a file encrypted only to unsupported recipient types, naming them', async () => {
    const fileKey = new Uint8Array(16).fill(3);
    const file = await craftedFile([{ type: 'ssh-ed25519', args: ['abcd', 'AAAA'], body: new Uint8Array(32) }], fileKey, new Uint8Array(0));
    const [error] = await expectRefused(file, identityKey, [UnsupportedRecipientError]);
    expect(error!.messageEn).toContain('(ssh-ed25519)');
  });
});

describe('not an age file', () => {
  it('refuses an empty file', async () => {
    await expectRefused(new Uint8Array(0), identityKey, [EmptyFileError]);
  });

  it('refuses other bytes: an SQLite header, text, another age version', async () => {
    await expectRefused(new TextEncoder().encode('SQLite format 3\0rest of a database'), identityKey, [NotAgeFileError]);
    await expectRefused(new TextEncoder().encode('hello\n'), identityKey, [NotAgeFileError]);
    const [error] = await expectRefused(new TextEncoder().encode('age-encryption.org/v2\n-> X 1\n\n--- x\n'), identityKey, [NotAgeFileError]);
    expect(error!.messageEn).toContain('an age version other than v1');
  });

  it('refuses files over maxBytes before decrypting', async () => {
    const [error] = await expectRefused(cliFile, identityKey, [FileTooLargeError], { maxBytes: 1000 });
    expect(error!.messageEn).toContain('It was not decrypted');
  });

  it('refuses a missing file and a directory with FileReadError', async () => {
    const missing = await refusalOf(() => decryptAgeFile(dir.file('does-not-exist.age'), identityKey));
    expect(missing).toBeInstanceOf(FileReadError);
    expect((missing as FileReadError).messageEn).toContain('does not exist');
    mkdirSync(dir.file('a-directory'));
    expect(await refusalOf(() => decryptAgeFile(dir.file('a-directory'), identityKey))).toBeInstanceOf(FileReadError);
  });
});

describe('truncated or extended files', () => {
  it('refuses truncation inside the header and inside the payload nonce', async () => {
    for (const length of [10, 22, Math.floor(headerLength / 2), headerLength - 1, headerLength, headerLength + 8, headerLength + 16]) {
      await expectRefused(cliFile.subarray(0, length), identityKey, [TruncatedFileError]);
    }
  });

  it('refuses truncation exactly at chunk boundaries (the last-chunk flag catches it)', async () => {
    const payloadStart = headerLength + 16;
    for (const chunks of [1, 2, 3]) {
      await expectRefused(cliFile.subarray(0, payloadStart + chunks * SEALED_CHUNK_BYTES), identityKey, [TruncatedFileError]);
    }
    const exact = ageEncrypt(dir, pseudoRandomBytes(3 * 65536, 5), [identity.recipient]);
    await expectRefused(exact.subarray(0, payloadStart + 2 * SEALED_CHUNK_BYTES), identityKey, [TruncatedFileError]);
  });

  it('refuses truncation inside a tag as truncated, and inside chunk data as altered', async () => {
    const payloadStart = headerLength + 16;
    await expectRefused(cliFile.subarray(0, payloadStart + SEALED_CHUNK_BYTES + 16), identityKey, [TruncatedFileError]);
    await expectRefused(cliFile.subarray(0, payloadStart + 10), identityKey, [TruncatedFileError]);
    const [error] = await expectRefused(cliFile.subarray(0, payloadStart + SEALED_CHUNK_BYTES + 1000), identityKey, [PayloadTamperedError]);
    expect(error!.messageEn).toContain('chunk 2 fails');
    await expectRefused(cliFile.subarray(0, cliFile.length - 1), identityKey, [PayloadTamperedError]);
  });

  it('refuses trailing data after the last chunk', async () => {
    const exact = ageEncrypt(dir, pseudoRandomBytes(3 * 65536, 6), [identity.recipient]);
    for (const file of [cliFile, exact]) {
      for (const extra of [1, 16, 17, 100, SEALED_CHUNK_BYTES]) {
        const extended = new Uint8Array(file.length + extra);
        extended.set(file);
        await expectRefused(extended, identityKey, [TruncatedFileError, PayloadTamperedError]);
      }
    }
    // After a full final chunk, appended data is named as the chunk after it (chunk 4).
    const extended = new Uint8Array(exact.length + 100);
    extended.set(exact);
    const [error] = await expectRefused(extended, identityKey, [PayloadTamperedError]);
    expect(error!.messageEn).toContain('chunk 4 fails');
  });
});

describe('altered bytes', () => {
  it('refuses a flip of EVERY header byte (two flip patterns), with the error of its region', async () => {
    const macLineStart = new TextDecoder().decode(cliFile.subarray(0, headerLength)).lastIndexOf('--- ');
    for (let position = 0; position < headerLength + 16; position++) {
      for (const pattern of [0x01, 0xff]) {
        const altered = new Uint8Array(cliFile);
        altered[position]! ^= pattern;
        let expected: ErrorClass[] = [KetenlensError];
        if (position < 22) expected = [NotAgeFileError];
        else if (position >= macLineStart + 4 && position < headerLength - 1) expected = [HeaderTamperedError, MalformedHeaderError];
        else if (position >= headerLength) expected = [PayloadTamperedError];
        const errors = [await refusalOf(() => decryptAgeBytes(altered, identityKey)), await refusalOf(() => decryptAge(altered, identityKey))];
        for (const error of errors) {
          expect(error, `byte ${position} ^ ${pattern}: ${String(error)}`).toBeInstanceOf(KetenlensError);
          expect(expected.some((kind) => error instanceof kind), `byte ${position} ^ ${pattern}: ${String(error)}`).toBe(true);
        }
      }
    }
  });

  it('refuses flips of 240 payload bytes spread over all chunks, tags included', async () => {
    const payloadStart = headerLength + 16;
    const payloadLength = cliFile.length - payloadStart;
    const positions = new Set<number>([0, payloadLength - 1, SEALED_CHUNK_BYTES - 1, SEALED_CHUNK_BYTES, SEALED_CHUNK_BYTES - 16]);
    for (let sample = 0; positions.size < 240; sample++) positions.add(Math.floor((sample * payloadLength) / 236 + sample * 7) % payloadLength);
    for (const offset of positions) {
      const altered = new Uint8Array(cliFile);
      altered[payloadStart + offset]! ^= 0x20;
      const chunk = Math.floor(offset / SEALED_CHUNK_BYTES);
      for (const error of [await refusalOf(() => decryptAgeBytes(altered, identityKey)), await refusalOf(() => decryptAge(altered, identityKey))]) {
        expect(error, `payload byte ${offset}`).toBeInstanceOf(PayloadTamperedError);
        expect((error as PayloadTamperedError).messageEn).toContain(`chunk ${chunk + 1} fails`);
      }
    }
  });
});

describe('armor', () => {
  const armored = () => new TextDecoder().decode(encodeArmor(cliFile));

  it('accepts CRLF line ends and surrounding whitespace', async () => {
    const text = `\n  ${armored().replaceAll('\n', '\r\n')}\n\n`;
    const result = await decryptAgeBytes(new TextEncoder().encode(text), identityKey);
    expect(Buffer.compare(Buffer.from(result.plaintext), Buffer.from(plaintext))).toBe(0);
  });

  it('refuses a short line in the middle, a bad character, text after END, and a missing END', async () => {
    const lines = armored().split('\n');
    const shortLine = [...lines.slice(0, 3), lines[3]!.slice(0, 60), ...lines.slice(4)].join('\n');
    await expectRefused(new TextEncoder().encode(shortLine), identityKey, [MalformedHeaderError]);
    const badCharacter = [...lines.slice(0, 3), `${lines[3]!.slice(0, 63)}*`, ...lines.slice(4)].join('\n');
    await expectRefused(new TextEncoder().encode(badCharacter), identityKey, [MalformedHeaderError]);
    await expectRefused(new TextEncoder().encode(`${armored()}extra\n`), identityKey, [MalformedHeaderError]);
    await expectRefused(new TextEncoder().encode(lines.slice(0, 100).join('\n')), identityKey, [TruncatedFileError]);
  });
});
