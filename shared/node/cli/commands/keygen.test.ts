// `ketenlens keygen`: the identity file works with the real age CLI and with our decrypt,
// is private (0600), and is never overwritten.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, FileExistsError } from '../../../errors';
import { decryptAgeFile, parseIdentityFile } from '../../age/index';
import { makeTempDir, pseudoRandomBytes, type TempDir } from '../../../../test/support/age-cli';
import { main } from '../main';
import { identityFileText, keygenCommand } from './keygen';
import { captureCliIo, type CapturedCliIo } from '../../../../test/support/cli-io';

function captureIo(cwd: string): CapturedCliIo {
  return captureCliIo({ cwd });
}

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('ketenlens keygen', () => {
  it('writes a 0600 identity file that age -d and our decrypt both use; the public key goes to stdout', async () => {
    const capture = captureIo(dir.path);
    expect(await keygenCommand.run(['--out', 'key.txt'], capture.io)).toBe(EXIT.ok);
    const path = dir.file('key.txt');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const recipient = capture.stdout().trim();
    expect(recipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(text).toMatch(new RegExp(`^# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n# public key: ${recipient}\\nAGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}\\n$`));
    expect(execFileSync('age-keygen', ['-y', path], { encoding: 'utf8' }).trim()).toBe(recipient);

    const plaintext = pseudoRandomBytes(70_000, 9);
    writeFileSync(dir.file('plain.bin'), plaintext);
    execFileSync('age', ['-e', '-r', recipient, '-o', dir.file('plain.age'), dir.file('plain.bin')]);
    const viaCli = execFileSync('age', ['-d', '-i', path, dir.file('plain.age')]);
    expect(Buffer.compare(viaCli, Buffer.from(plaintext))).toBe(0);
    const ours = await decryptAgeFile(dir.file('plain.age'), { kind: 'identities', identities: parseIdentityFile(text) });
    expect(Buffer.compare(Buffer.from(ours.plaintext), Buffer.from(plaintext))).toBe(0);
  });

  it('refuses to overwrite an existing file, leaving it unchanged', async () => {
    writeFileSync(dir.file('existing.txt'), 'keep me\n');
    const capture = captureIo(dir.path);
    await expect(keygenCommand.run(['--out', 'existing.txt'], capture.io)).rejects.toBeInstanceOf(FileExistsError);
    expect(readFileSync(dir.file('existing.txt'), 'utf8')).toBe('keep me\n');
    expect(capture.stdout()).toBe('');
    const viaMain = captureIo(dir.path);
    expect(await main(['keygen', '-o', 'existing.txt'], viaMain.io)).toBe(EXIT.refused);
    expect(viaMain.stderr()).toContain('already exists');
  });

  it('without --out prints the whole identity, which age-keygen -y reads', async () => {
    const capture = captureIo(dir.path);
    expect(await keygenCommand.run([], capture.io)).toBe(EXIT.ok);
    const [identity] = parseIdentityFile(capture.stdout());
    const recipient = capture.stdout().match(/# public key: (age1\S+)/)?.[1];
    expect(execFileSync('age-keygen', ['-y'], { input: capture.stdout(), encoding: 'utf8' }).trim()).toBe(recipient);
    expect(identity).toMatch(/^AGE-SECRET-KEY-1/);
  });

  it('formats the file like age-keygen', () => {
    expect(identityFileText('AGE-SECRET-KEY-1X', 'age1y', new Date(Date.UTC(2026, 10, 23, 13, 5, 9, 500)))).toBe(
      '# created: 2026-11-23T13:05:09Z\n# public key: age1y\nAGE-SECRET-KEY-1X\n',
    );
  });

  it('refuses stray arguments as a usage error', async () => {
    const capture = captureIo(dir.path);
    expect(await main(['keygen', 'key.txt'], capture.io)).toBe(EXIT.usage);
    expect(capture.stderr()).toContain("Unexpected argument 'key.txt'");
  });
});
