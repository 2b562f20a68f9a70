// Interoperability: files by the real age CLI, by the age-encryption package and by our
// encryptAge must decrypt byte for byte on both our paths (node:crypto, and the worker's wasm ChaCha20-Poly1305),
// and our files must open in `age -d` and in age-encryption's Decrypter.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Decrypter, Encrypter, armor as ageArmor } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAge, decryptAgeBlob, type AgeKey } from '../../age/index';
import { decryptAgeBytes, decryptAgeFile, encryptAge, generateIdentity, parseIdentityFile } from './index';
import {
  ageDecrypt,
  ageEncrypt,
  ageKeygen,
  agePassphraseDecrypt,
  agePassphraseEncrypt,
  makeTempDir,
  pseudoRandomBytes,
  type TempDir,
} from '../../../test/support/age-cli';

const SIZES = [0, 1, 65536, 65537, 3 * 65536, 3_000_017];

function same(actual: Uint8Array, expected: Uint8Array): boolean {
  return actual.length === expected.length && Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.length), Buffer.from(expected)) === 0;
}

let dir: TempDir;
let alice: ReturnType<typeof ageKeygen>;
let bob: ReturnType<typeof ageKeygen>;
const stranger = generateIdentity();

beforeAll(() => {
  dir = makeTempDir();
  alice = ageKeygen(dir.file('alice.txt'));
  bob = ageKeygen(dir.file('bob.txt'));
});
afterAll(() => dir.remove());

describe.each(SIZES)('plaintext of %i bytes', (size) => {
  const plaintext = pseudoRandomBytes(size, size + 7);

  it.each([false, true])('age CLI (armor %s) → ours, node and worker path, with several identities', async (armored) => {
    const file = ageEncrypt(dir, plaintext, [alice.recipient, bob.recipient], armored);
    const identities = [stranger.identity, bob.identity];
    const node = await decryptAgeBytes(file, { kind: 'identities', identities });
    expect(same(node.plaintext, plaintext)).toBe(true);
    const pure = await decryptAge(file, { kind: 'identities', identities: [alice.identity] });
    expect(same(pure, plaintext)).toBe(true);
    const path = dir.file(`cli-${size}-${armored}.age`);
    writeFileSync(path, file);
    const streamed = await decryptAgeFile(path, { kind: 'identities', identities: parseIdentityFile(alice.identityFile) });
    expect(same(streamed.plaintext, plaintext)).toBe(true);
    expect(streamed.fileSize).toBe(file.length);
    expect(streamed.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(same(await decryptAgeBlob(new Blob([new Uint8Array(file)]), { kind: 'identities', identities: [bob.identity] }), plaintext)).toBe(true);
  });

  it.each([false, true])('ours (armor %s) → age -d and → age-encryption Decrypter', async (armored) => {
    const file = await encryptAge(plaintext, { kind: 'x25519', recipients: [bob.recipient, alice.recipient] }, { armor: armored });
    expect(same(ageDecrypt(dir, file, dir.file('alice.txt')), plaintext)).toBe(true);
    const decrypter = new Decrypter();
    decrypter.addIdentity(bob.identity);
    const binary = armored ? ageArmor.decode(new TextDecoder().decode(file)) : file;
    expect(same(await decrypter.decrypt(binary), plaintext)).toBe(true);
  });

  it('age-encryption (X25519) → ours, node and worker path', async () => {
    const encrypter = new Encrypter();
    encrypter.addRecipient(alice.recipient);
    const file = await encrypter.encrypt(plaintext);
    const key: AgeKey = { kind: 'identities', identities: [alice.identity] };
    expect(same((await decryptAgeBytes(file, key)).plaintext, plaintext)).toBe(true);
    expect(same(await decryptAge(file, key), plaintext)).toBe(true);
  });
});

describe('passphrases', () => {
  const plaintext = pseudoRandomBytes(65537 + 1000, 3);

  it('age-encryption (scrypt) → ours, and ours (scrypt) → age-encryption', async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('correct horse');
    encrypter.setScryptWorkFactor(10);
    const theirs = await encrypter.encrypt(plaintext);
    expect(same((await decryptAgeBytes(theirs, { kind: 'passphrase', passphrase: 'correct horse' })).plaintext, plaintext)).toBe(true);
    expect(same(await decryptAge(theirs, { kind: 'passphrase', passphrase: 'correct horse' }), plaintext)).toBe(true);
    const ours = await encryptAge(plaintext, { kind: 'passphrase', passphrase: 'correct horse', logN: 10 });
    const decrypter = new Decrypter();
    decrypter.addPassphrase('correct horse');
    expect(same(await decrypter.decrypt(ours), plaintext)).toBe(true);
  });

  it('age -p (through a pseudo-terminal) → ours, node and worker path', async () => {
    const file = agePassphraseEncrypt(dir, plaintext, 'geheim wachtwoord');
    expect(new TextDecoder().decode(file.subarray(0, 40))).toContain('-> scrypt');
    const key = { kind: 'passphrase', passphrase: 'geheim wachtwoord' } as const;
    expect(same((await decryptAgeBytes(file, key)).plaintext, plaintext)).toBe(true);
    expect(same(await decryptAge(file, key), plaintext)).toBe(true);
  });

  it('ours (scrypt, default work factor 18) → age -d (through a pseudo-terminal)', async () => {
    const file = await encryptAge(plaintext, { kind: 'passphrase', passphrase: 'geheim wachtwoord' }, { armor: true });
    expect(new TextDecoder().decode(file)).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(same(agePassphraseDecrypt(dir, file, 'geheim wachtwoord'), plaintext)).toBe(true);
  });
});
