// The Node API around the decrypt: progress reports, the size limit's edge, the file's
// hash and key kind, and key generation agreeing with age-keygen.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../age/types';
import { decryptAgeBytes, decryptAgeFile, decryptAgeFileHashingAside, encryptAge, generateIdentity, identityToRecipient } from './index';
import { makeTempDir, pseudoRandomBytes, type TempDir } from '../../../test/support/age-cli';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('decryptAgeFile', () => {
  it('reports monotone progress ending at the plaintext size, and hashes the file as read', async () => {
    const { identity, recipient } = generateIdentity();
    const plaintext = pseudoRandomBytes(10 * 1024 * 1024 + 3, 4);
    const file = await encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] });
    const path = dir.file('progress.age');
    writeFileSync(path, file);
    const reports: Progress[] = [];
    // One thread: the serial loop's steps (on workers each range reports its own blocks,
    // payload-workers.test.ts).
    const result = await decryptAgeFile(path, { kind: 'identities', identities: [identity] }, { threads: 1, onProgress: (p) => reports.push(p) });
    // 161 chunks of 64 KiB (the last holds 3 bytes), reported every 64 chunks: 3 reports.
    expect(reports.map((p) => p.done)).toEqual([64 * 65536, 128 * 65536, plaintext.length]);
    expect(reports.every((p) => p.phase === 'decrypt' && p.total === plaintext.length)).toBe(true);
    expect(result.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(result.keyKind).toBe('identity');
    expect(result.fileSize).toBe(file.length);
    expect(Buffer.compare(Buffer.from(result.plaintext), Buffer.from(plaintext))).toBe(0);
  });

  it('keeps the file open for the decryption when the hash worker finishes first', async () => {
    const { identity, recipient } = generateIdentity();
    const plaintext = pseudoRandomBytes(12 * 1024 * 1024, 7);
    const file = await encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] });
    const path = dir.file('hash-first.age');
    writeFileSync(path, file);
    const expected = createHash('sha256').update(file).digest('hex');
    // Hold the decryption back after its first block until the worker has hashed the whole file.
    let waited = false;
    const result = await decryptAgeFileHashingAside(path, { kind: 'identities', identities: [identity] }, {
      onProgress: () => {
        if (waited) return;
        waited = true;
        const until = Date.now() + 1500;
        while (Date.now() < until) { /* busy: the worker thread runs meanwhile */ }
      },
    });
    expect(Buffer.compare(Buffer.from(result.plaintext), Buffer.from(plaintext))).toBe(0);
    expect(await result.sha256).toBe(expected);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const file = await encryptAge(new Uint8Array(5), { kind: 'passphrase', passphrase: 'p', logN: 4 });
    const path = dir.file('limit.age');
    writeFileSync(path, file);
    const result = await decryptAgeFile(path, { kind: 'passphrase', passphrase: 'p' }, { maxBytes: file.length });
    expect(result.plaintext).toEqual(new Uint8Array(5));
    expect(result.keyKind).toBe('passphrase');
    const fromBytes = await decryptAgeBytes(file, { kind: 'passphrase', passphrase: 'p' }, { maxBytes: file.length });
    expect(fromBytes.sha256).toBe(result.sha256);
  });
});

describe('keys', () => {
  it('derives the same recipient as age-keygen -y', () => {
    const { identity, recipient } = generateIdentity();
    const path = dir.file('generated.txt');
    writeFileSync(path, `${identity}\n`);
    expect(execFileSync('age-keygen', ['-y', path], { encoding: 'utf8' }).trim()).toBe(recipient);
    expect(identityToRecipient(identity)).toBe(recipient);
    expect(identityToRecipient('AGE-SECRET-KEY-1NOPE')).toBeNull();
  });
});
