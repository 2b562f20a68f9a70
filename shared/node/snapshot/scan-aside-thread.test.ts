// The command line's second thread for the checks: from the sources (through tsx) and from
// the built bundle it answers exactly as runScanAside in this thread; it declines an image it
// cannot share, a small one, a missing entry, and stops when the open no longer needs it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage, TABLES, type SnapshotCase } from '../../../test/support/random-snapshot';
import { NotSqliteError } from '../../errors';
import { openSnapshotFromPlaintext } from '../../snapshot/open';
import { runScanAside, type ScanAsideRequest } from '../../snapshot/scan-aside';
import { scanAsideOnThread, scanWorkerScript } from './scan-aside-thread';
import { nodeSqlJsProvider } from './sqljs-node';

const ROOT = join(import.meta.dirname, '../../..');

/** The request an open of a small clean snapshot makes, with its image in shared memory. */
async function sharedRequest(): Promise<ScanAsideRequest> {
  const rows = Object.fromEntries(TABLES.map((table) => [table, []])) as unknown as SnapshotCase['rows'];
  rows.gemeente = [['GM0363', 'Amsterdam', null]];
  rows.gegevenscategorie = [['naw', 'Naam', 0]];
  rows.inburgeraar = [['P1', 'Wi2021', 'asiel', '2022-01-01', null, 'GM0363', 'lopend', null]];
  rows.portaal_signaal = [
    [1, 'P1', 'GM0363', 'Wi2021', '2022-01-01T00:00:00Z', '2022-02-01T00:00:00Z'],
    [2, 'P1', 'GM0363', 'Wi2021', '2022-01-01T00:00:00Z', null],
  ];
  rows.signaal_gegeven = [[1, 'naw'], [2, 'naw']];
  // The second view lies outside its signal's window: that table is not clean.
  rows.portaal_inzage = [[1, '2022-01-15T10:00:00Z', 'u1'], [1, '2022-02-01T00:00:00Z', 'u2']];
  const image = await buildImage({ schema: 'strict', rows });
  let captured: ScanAsideRequest | null = null;
  const opened = await openSnapshotFromPlaintext(image, { sha256: '0'.repeat(64), fileSize: 1, keyKind: 'passphrase' }, nodeSqlJsProvider, {
    scanAside: async (request) => {
      captured = request;
      return null;
    },
  });
  opened.close();
  if (captured === null) throw new Error('the open asked nothing aside');
  const shared = new Uint8Array(new SharedArrayBuffer(image.length));
  shared.set(await buildImage({ schema: 'strict', rows }));
  return { ...(captured as ScanAsideRequest), image: shared };
}

const EXPECTED = [['portaal_signaal', 2], ['signaal_gegeven', 2], ['portaal_inzage', null]];

describe('the checks thread of the command line', () => {
  it('answers from the sources as runScanAside does here', async () => {
    const request = await sharedRequest();
    expect(runScanAside(request)).toEqual(EXPECTED);
    const answer = await scanAsideOnThread({ minimumBytes: 0 })(request, new AbortController().signal);
    expect(answer).toEqual(EXPECTED);
  }, 30_000);

  it('answers from the built bundle (dist/cli/scan-worker.mjs), found from the entry or a chunk', async () => {
    const bundle = join(ROOT, 'dist/cli');
    if (!existsSync(join(bundle, 'scan-worker.mjs'))) {
      console.warn('skipped: no built command line (npm run build:cli; npm test builds it first)');
      return;
    }
    for (const from of ['ketenlens.mjs', 'chunks/any-chunk.mjs']) {
      expect(scanWorkerScript(pathToFileURL(join(bundle, from)).href)?.url.href).toBe(pathToFileURL(join(bundle, 'scan-worker.mjs')).href);
    }
    const script = scanWorkerScript(pathToFileURL(join(bundle, 'chunks/any-chunk.mjs')).href);
    const answer = await scanAsideOnThread({ minimumBytes: 0, script })(await sharedRequest(), new AbortController().signal);
    expect(answer).toEqual(EXPECTED);
  }, 30_000);

  it('declines an image it cannot share, a small image, and a missing entry', async () => {
    const request = await sharedRequest();
    const signal = new AbortController().signal;
    expect(await scanAsideOnThread({ minimumBytes: 0 })({ ...request, image: request.image.slice() }, signal)).toBeNull();
    expect(await scanAsideOnThread({ minimumBytes: request.image.length + 1 })(request, signal)).toBeNull();
    expect(await scanAsideOnThread({ minimumBytes: 0, script: null })(request, signal)).toBeNull();
    expect(scanWorkerScript(pathToFileURL(join(ROOT, 'no-such-folder/chunk.mjs')).href)).toBeNull();
    const missing = { url: pathToFileURL(join(ROOT, 'no-such-folder/scan-worker.mjs')), execArgv: [] };
    expect(await scanAsideOnThread({ minimumBytes: 0, script: missing })(request, signal)).toBeNull();
  }, 30_000);

  it('leaves a refusal of a damaged image as it is, and stops its thread', async () => {
    const { image } = await sharedRequest();
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database(image.slice());
    const root = Number(db.exec("SELECT rootpage FROM sqlite_schema WHERE name = 'inburgeraar'")[0]!.values[0]![0]);
    const pageSize = Number(db.exec('PRAGMA page_size')[0]!.values[0]![0]);
    db.close();
    const damaged = image.slice();
    damaged.fill(0xff, (root - 1) * pageSize, (root - 1) * pageSize + 8); // not a b-tree page any more
    const open = async (withThread: boolean): Promise<unknown> => {
      const copy = new Uint8Array(new SharedArrayBuffer(damaged.length));
      copy.set(damaged);
      const options = withThread ? { scanAside: scanAsideOnThread({ minimumBytes: 0 }) } : {};
      return openSnapshotFromPlaintext(copy, { sha256: '0'.repeat(64), fileSize: 1, keyKind: 'passphrase' }, nodeSqlJsProvider, options).then(
        () => new Error('opened'),
        (error: unknown) => error,
      );
    };
    const alone = await open(false);
    const withThread = await open(true);
    expect(alone).toBeInstanceOf(NotSqliteError);
    expect(withThread).toBeInstanceOf(NotSqliteError);
    expect((withThread as Error).message).toBe((alone as Error).message);
  }, 30_000);

  it('stops when the open no longer needs it', async () => {
    const request = await sharedRequest();
    const abort = new AbortController();
    const answer = scanAsideOnThread({ minimumBytes: 0 })(request, abort.signal);
    abort.abort();
    expect(await answer).toBeNull();
    const already = new AbortController();
    already.abort();
    expect(await scanAsideOnThread({ minimumBytes: 0 })(request, already.signal)).toBeNull();
  }, 30_000);
});
