// The worker's open takes the file's SHA-256 from the host when the host hashed the bytes
// as it read them (the desktop host, with node:crypto), else it hashes the bytes itself —
// after the open has shown meta and counts, as the last step of the completion, which every
// request that stamps provenance waits for.
import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encryptAge } from '../../shared/age/index';
import { buildPlaintext, FIXTURE_PASSPHRASE } from '../../test/support/snapshot';
import { generateDemoSnapshot } from '../../shared/demo/generate';
import type { TableRequest } from '../../shared/tables/catalogue';
import { columnTotal } from '../app/table-sums';
import { HEADLINE_ORDER, type HeadlineFigure } from './protocol';
import { createHashProgress, failHash, finishHash } from '../../shared/hash-progress';

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

  it('is read from the hash the page began as it read the bytes, which the plaintext then overwrites', async () => {
    const bytes = await encrypted();
    const expected = sha256Of(bytes);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const hashing = createHashProgress();
    finishHash(hashing, Buffer.from(expected, 'hex'));
    const summary = await handlers.open({ bytes: shared, key, fileName: 'a.age', hashing }, () => {});
    expect(summary.sha256).toBe(expected); // known at once: the hash ran while the key was entered
    expect(Buffer.from(shared.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0'); // decrypted in place
    const completion = await handlers.completeOpen({}, () => {});
    expect(completion.sha256).toBe(expected);
    expect(Object.keys(completion.timings)).toEqual(['check']);
  });

  it('is refused, leaving the bytes unread, when the page\'s hash failed', async () => {
    const bytes = await encrypted();
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const hashing = createHashProgress();
    failHash(hashing);
    await expect(handlers.open({ bytes: shared, key, fileName: 'a.age', hashing }, () => {})).rejects.toThrow("the file's SHA-256 could not be made");
    expect(Buffer.compare(Buffer.from(shared), Buffer.from(bytes))).toBe(0);
  });

  it('is hashed from the bytes when the host gives no digest, after the open returns', async () => {
    const bytes = await encrypted();
    const expected = sha256Of(bytes);
    const summary = await handlers.open({ bytes, key, fileName: 'a.age' }, () => {});
    expect(summary.sha256).toBeNull();
    expect(summary.rowCounts).toMatchObject({ gemeente: 1 });
    const completion = await handlers.completeOpen({}, () => {});
    expect(completion.sha256).toBe(expected);
    expect(completion.findings).toEqual([]);
    expect(Object.keys(completion.timings)).toEqual(['check', 'hash']);
  });

  it('is made before a table is built, even when nobody asked for the completion', async () => {
    const bytes = await encrypted();
    await handlers.open({ bytes, key, fileName: 'a.age' }, () => {});
    const model = await handlers.table({ id: 'elip-gemeenten', parameters: {} }, () => {});
    expect(model.provenance.snapshot_sha256).toBe(sha256Of(bytes));
    // The completion ran once; asking for it again gives the same answer.
    expect((await handlers.completeOpen({}, () => {})).sha256).toBe(sha256Of(bytes));
  });

  it('gives the headline figures before the completion, equal to the tables they lead to (demo)', async () => {
    const plaintext = generateDemoSnapshot(await initSqlJs());
    const bytes = new Uint8Array(await encryptAge(plaintext, { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE, logN: 4 }));
    const summary = await handlers.open({ bytes, key, fileName: 'demo.age' }, () => {});
    const figures: HeadlineFigure[] = [];
    for (const id of HEADLINE_ORDER) figures.push(await handlers.headline({ id }, () => {}));
    expect(figures.every((figure) => figure.error === null && typeof figure.value === 'number' && figure.value > 0)).toBe(true);
    await handlers.completeOpen({}, () => {});
    const total = async (table: string, parameters: TableRequest, column: string) =>
      columnTotal(await handlers.table({ id: table, parameters }, () => {}), column);
    const value = (id: string) => figures.find((figure) => figure.id === id)?.value;
    expect(value('elip')).toBe(await total('elip-gemeenten', { peildata: [summary.meta.peildatum], doelgroep: 'asiel' }, 'totaal'));
    expect(value('backlog')).toBe(await total('boete-achterstand', {}, 'achterstand'));
    expect(value('exposed')).toBe(await total('datalek-gemeenten', {}, 'personen'));
  });

  it('is refused to every request after a close', async () => {
    const bytes = await encrypted();
    await handlers.open({ bytes, key, fileName: 'a.age' }, () => {});
    await handlers.close({}, () => {});
    await expect(handlers.completeOpen({}, () => {})).rejects.toThrow(/No snapshot is open|Er is geen snapshot/);
  });
});
