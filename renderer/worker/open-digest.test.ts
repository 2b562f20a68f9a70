// The worker's open takes the file's SHA-256 from the host when the host hashed the bytes
// as it read them (the desktop host, with node:crypto), else it hashes the bytes itself.
import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encryptAge } from '../../shared/age/index';
import { buildPlaintext, FIXTURE_PASSPHRASE } from '../../test/support/snapshot';

vi.mock('./sql-provider', () => ({ loadSqlJs: () => initSqlJs() }));
const { handlers } = await import('./core');

const key = { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE } as const;

async function encrypted(): Promise<Uint8Array<ArrayBuffer>> {
  const plaintext = await buildPlaintext("INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);");
  return new Uint8Array(await encryptAge(plaintext, { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE, logN: 4 }));
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

afterEach(async () => {
  await handlers.close({}, () => {});
});

describe('the SHA-256 of an opened file', () => {
  it('is the host’s digest when the host hashed the bytes as it read them', async () => {
    const bytes = await encrypted();
    const summary = await handlers.open({ bytes, key, fileName: 'a.age', sha256: 'cd'.repeat(32) }, () => {});
    expect(summary.sha256).toBe('cd'.repeat(32));
  });

  it('is hashed from the bytes when the host gives no digest', async () => {
    const bytes = await encrypted();
    const expected = sha256Of(bytes);
    expect((await handlers.open({ bytes, key, fileName: 'a.age' }, () => {})).sha256).toBe(expected);
  });
});
