import { PassThrough, Writable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidIdentityFileError, NoKeyError, UsageError } from '../../errors';
import { makeTempDirectory } from '../../../test/support/snapshot';
import type { CliIo } from './command';
import { passphraseFromFileText, PROMPT, resolveKey } from './keys';

function io(options: { env?: NodeJS.ProcessEnv; stdin?: CliIo['stdin']; cwd: string }): CliIo & { errorText: () => string } {
  let errors = '';
  const stderr = new Writable({
    write(chunk, _encoding, done) {
      errors += String(chunk);
      done();
    },
  });
  return {
    stdout: new PassThrough(),
    stderr,
    stdin: options.stdin ?? new PassThrough(),
    env: options.env ?? {},
    cwd: options.cwd,
    language: 'en',
    errorText: () => errors,
  };
}

describe('resolveKey', () => {
  const temp = makeTempDirectory();
  afterAll(() => temp.remove());
  const cwd = temp.directory;

  it('reads every identity of several identity files, skipping comments', async () => {
    execFileSync('age-keygen', ['-o', join(cwd, 'a.txt')], { stdio: 'ignore' });
    execFileSync('age-keygen', ['-o', join(cwd, 'b.txt')], { stdio: 'ignore' });
    const key = await resolveKey({ identity: ['a.txt', join(cwd, 'b.txt')] }, io({ cwd }));
    expect(key.kind).toBe('identities');
    expect(key.kind === 'identities' && key.identities.length).toBe(2);
    expect(key.kind === 'identities' && key.identities.every((identity) => identity.startsWith('AGE-SECRET-KEY-1'))).toBe(true);
  });

  it('refuses an identity file without keys', async () => {
    writeFileSync(join(cwd, 'junk.txt'), 'dit is geen sleutel\n');
    await expect(resolveKey({ identity: ['junk.txt'] }, io({ cwd }))).rejects.toBeInstanceOf(InvalidIdentityFileError);
  });

  it('takes the first line of a passphrase file, without CR/LF', async () => {
    writeFileSync(join(cwd, 'pass.txt'), 'geheim woord\r\ntweede regel\n');
    expect(await resolveKey({ 'passphrase-file': 'pass.txt' }, io({ cwd }))).toEqual({ kind: 'passphrase', passphrase: 'geheim woord' });
    expect(passphraseFromFileText('zonder einde')).toBe('zonder einde');
    expect(passphraseFromFileText(' spaties blijven \n')).toBe(' spaties blijven ');
    writeFileSync(join(cwd, 'empty.txt'), '\nlater\n');
    await expect(resolveKey({ 'passphrase-file': 'empty.txt' }, io({ cwd }))).rejects.toBeInstanceOf(UsageError);
  });

  it('uses KETENLENS_PASSPHRASE after the options, and refuses --passphrase and two kinds at once', async () => {
    expect(await resolveKey({}, io({ cwd, env: { KETENLENS_PASSPHRASE: 'uit env' } }))).toEqual({ kind: 'passphrase', passphrase: 'uit env' });
    const argument = await resolveKey({ passphrase: 'x' }, io({ cwd, env: { KETENLENS_PASSPHRASE: 'y' } })).catch((e: unknown) => e);
    expect(argument).toBeInstanceOf(UsageError);
    expect((argument as UsageError).messageEn).toContain('shell history and in process lists');
    await expect(resolveKey({ identity: ['a.txt'], 'passphrase-file': 'pass.txt' }, io({ cwd }))).rejects.toBeInstanceOf(UsageError);
  });

  it('gives NoKeyError when nothing is given and stdin is not a terminal', async () => {
    await expect(resolveKey({}, io({ cwd }))).rejects.toBeInstanceOf(NoKeyError);
  });

  it('prompts without echo on a terminal, handling backspace', async () => {
    const modes: boolean[] = [];
    const stdin = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: (mode: boolean) => modes.push(mode) });
    const terminal = io({ cwd, stdin });
    const pending = resolveKey({}, terminal);
    stdin.write('geheimx');
    stdin.write('\u007f\r');
    expect(await pending).toEqual({ kind: 'passphrase', passphrase: 'geheim' });
    expect(terminal.errorText()).toBe(`${PROMPT}\n`);
    expect(modes).toEqual([true, false]);
  });

  it('gives up on Ctrl-C at the prompt', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const pending = resolveKey({}, io({ cwd, stdin }));
    stdin.write('abc\u0003');
    await expect(pending).rejects.toBeInstanceOf(NoKeyError);
  });
});
