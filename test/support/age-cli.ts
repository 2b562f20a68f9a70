// Test support for the age layer (used by *.test.ts only): drive the real `age` and
// `age-keygen` CLIs, including `age -p`, which reads passphrases only from a terminal,
// through `script` (util-linux) so that it gets a pseudo-terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'ketenlens-age-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A fresh identity file by age-keygen and its recipient. */
export function ageKeygen(path: string): { identityFile: string; identity: string; recipient: string } {
  execFileSync('age-keygen', ['-o', path], { stdio: ['ignore', 'ignore', 'ignore'] });
  const identityFile = readFileSync(path, 'utf8');
  const identity = identityFile.split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1'));
  if (identity === undefined) throw new Error('age-keygen wrote no identity');
  const recipient = execFileSync('age-keygen', ['-y', path], { encoding: 'utf8' }).trim();
  return { identityFile, identity, recipient };
}

/** `age -e` to recipients; returns the encrypted file's bytes. */
export function ageEncrypt(dir: TempDir, plaintext: Uint8Array, recipients: string[], armor = false): Uint8Array {
  const input = dir.file('cli-plain.bin');
  const output = dir.file('cli-out.age');
  writeFileSync(input, plaintext);
  execFileSync('age', ['-e', ...(armor ? ['-a'] : []), ...recipients.flatMap((r) => ['-r', r]), '-o', output, input]);
  return new Uint8Array(readFileSync(output));
}

/** `age -d -i` of bytes; returns the plaintext. */
export function ageDecrypt(dir: TempDir, file: Uint8Array, identityPath: string): Uint8Array {
  const input = dir.file('cli-in.age');
  writeFileSync(input, file);
  return new Uint8Array(execFileSync('age', ['-d', '-i', identityPath, input], { maxBuffer: 1024 * 1024 * 1024 }));
}

/** Runs `age` on a pseudo-terminal, typing each answer after a pause (prompts appear in order). */
function ageOnTerminal(commandLine: string, answers: string[]): void {
  const script = answers.map((answer) => `sleep 1; printf '%s\\n' '${answer}'`).join('; ');
  const result = spawnSync('sh', ['-c', `(${script}) | script -qec "${commandLine}" /dev/null`], { timeout: 60_000, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`age on a terminal failed: ${result.stdout}${result.stderr}`);
}

/** `age -p`: encrypts with a passphrase (scrypt logN 18, as the CLI always does). */
export function agePassphraseEncrypt(dir: TempDir, plaintext: Uint8Array, passphrase: string): Uint8Array {
  const input = dir.file('cli-plain.bin');
  const output = dir.file('cli-pass.age');
  writeFileSync(input, plaintext);
  rmSync(output, { force: true });
  ageOnTerminal(`age -p -o ${output} ${input}`, [passphrase, passphrase]);
  return new Uint8Array(readFileSync(output));
}

/** `age -d` of a passphrase file. */
export function agePassphraseDecrypt(dir: TempDir, file: Uint8Array, passphrase: string): Uint8Array {
  const input = dir.file('cli-pass-in.age');
  const output = dir.file('cli-pass-out.bin');
  writeFileSync(input, file);
  rmSync(output, { force: true });
  ageOnTerminal(`age -d -o ${output} ${input}`, [passphrase]);
  return new Uint8Array(readFileSync(output));
}

/** Deterministic pseudo-random bytes (xorshift), so failures are reproducible. */
export function pseudoRandomBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}
