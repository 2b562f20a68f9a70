// No plaintext on disk: runs open, analyses, queries and every export through the command
// line with a temporary HOME, TMPDIR and data folder, then scans every file written for
// plaintext markers of the snapshot — the SQLite header, person ids and other distinctive
// strings. None may appear anywhere, and the exports hold only aggregated tables.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { buildSnapshotFile, FIXTURE_PASSPHRASE, type SnapshotFixture } from '../support/snapshot';

// Distinctive strings that exist only inside the encrypted snapshot.
const PERSON = 'PSEUDONIEM-7F3A9C';
const OTHER_PERSON = 'PSEUDONIEM-0B41DE';
const USER = 'GEBRUIKER-5E11A2';
const INCIDENT_TEXT = 'BESCHRIJVING-C0FFEE';
const MARKERS = [PERSON, OTHER_PERSON, USER, INCIDENT_TEXT, 'SQLite format 3'];

const SQL = `
INSERT INTO gemeente VALUES ('GM0363','Amsterdam',NULL),('GM0344','Utrecht',NULL);
INSERT INTO inburgeraar VALUES ('${PERSON}','Wi2013','asiel','2018-03-01','2024-02-01','GM0363','lopend',NULL),
  ('${OTHER_PERSON}','Wi2013','asiel','2019-03-01','2023-06-01','GM0344','lopend',NULL);
INSERT INTO lening_betaling VALUES ('${PERSON}','2019-01-01',960000),('${OTHER_PERSON}','2020-01-01',800000);
INSERT INTO termijnoverschrijding VALUES (1,'${OTHER_PERSON}','2023-06-01','2023-07-01',NULL,NULL,NULL,NULL);
INSERT INTO dwangbevel VALUES (1,'${PERSON}','boete','2023-01-01',NULL);
INSERT INTO gegevenscategorie VALUES ('NAW','Naam, adres, woonplaats',0);
INSERT INTO portaal_signaal VALUES (1,'${PERSON}','GM0363','Wi2021','2022-01-05T08:00:00Z','2022-01-27T12:00:00Z');
INSERT INTO signaal_gegeven VALUES (1,'NAW');
INSERT INTO portaal_inzage VALUES (1,'2022-01-06T09:30:00Z','${USER}');
INSERT INTO incident VALUES ('I1','Portaal','datalek','2022-01-05T10:00:00Z','2022-01-07T09:00:00Z',NULL,NULL,'${INCIDENT_TEXT}');
INSERT INTO kennisgeving VALUES ('${PERSON}','Wi2021','2022-01-03');
INSERT INTO ind_levering VALUES ('${OTHER_PERSON}','2022-01-10',NULL);
UPDATE meta SET value = '2023-09-15' WHERE key = 'peildatum';
`;

let fixture: SnapshotFixture;
let root = '';
let env: NodeJS.ProcessEnv = {};
let outputs = '';

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/ketenlens.mjs', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Run jobs a few at a time: each is a separate process that decrypts the snapshot. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await (jobs[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

function filesBelow(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesBelow(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The file's bytes plus, for zip containers (docx, xlsx, ods, odt), every member inflated. */
function searchableTexts(path: string): string[] {
  const bytes = new Uint8Array(readFileSync(path));
  const texts = [new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)))];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    for (const member of Object.values(unzipSync(bytes))) texts.push(new TextDecoder('utf-8').decode(member));
  }
  return texts;
}

beforeAll(async () => {
  fixture = await buildSnapshotFile(SQL);
  root = mkdtempSync(join(tmpdir(), 'ketenlens-noplain-'));
  for (const folder of ['home', 'tmp', 'data', 'out']) mkdirSync(join(root, folder));
  outputs = join(root, 'out');
  env = {
    PATH: process.env.PATH,
    HOME: join(root, 'home'),
    TMPDIR: join(root, 'tmp'),
    TMP: join(root, 'tmp'),
    TEMP: join(root, 'tmp'),
    KETENLENS_DATA_DIR: join(root, 'data'),
    KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE,
    KETENLENS_LANG: 'en',
  };
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  fixture.cleanup();
});

describe('no plaintext on disk', () => {
  it('leaves no plaintext marker in any file written by open, analyses, queries and exports', { timeout: 300_000 }, async () => {
    expect((await run(['info', fixture.path, '--json'])).status).toBe(0);
    expect([0, 1]).toContain((await run(['validate', fixture.path, '--json'])).status);
    const query = await run(['query', fixture.path, 'SELECT id FROM inburgeraar', '--format', 'csv']);
    expect(query.status).toBe(0);
    expect(query.stdout).toContain(PERSON); // stdout is the intended output of a query, not a file
    const ids = (await run(['tables'])).stdout.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '').filter((id) => /^[a-z]+-[a-z-]+$/.test(id));
    expect(ids.length).toBeGreaterThanOrEqual(9);
    const formats = ['json', 'csv', 'csv-rfc', 'md', 'html', 'xlsx', 'docx', 'ods', 'odt'];
    const jobs = ids.flatMap((id) =>
      formats.map((format) => async () => {
        const result = await run(['table', id, fixture.path, '--format', format, '--out', join(outputs, `${id}.${format}`)]);
        return `${id} ${format}: ${result.status} ${result.stderr}`;
      }),
    );
    for (const format of ['docx', 'odt', 'xlsx', 'ods']) {
      jobs.push(async () => {
        const result = await run(['bijlage', fixture.path, '--tables', ids.join(','), '--format', format, '--out', join(outputs, `bijlage.${format}`)]);
        return `bijlage ${format}: ${result.status} ${result.stderr}`;
      });
    }
    const outcomes = await inParallel(jobs);
    expect(outcomes.filter((outcome) => !/: 0 /.test(outcome))).toEqual([]);
    expect((await run(['audit', 'verify'])).status).toBe(0);

    const written = [...filesBelow(join(root, 'home')), ...filesBelow(join(root, 'tmp')), ...filesBelow(join(root, 'data')), ...filesBelow(outputs)];
    // The exports exist and are not empty: the scan below is not vacuous.
    // Every export, plus the provenance sidecar of each CSV (two dialects).
    expect(filesBelow(outputs).length).toBe(ids.length * formats.length + 4 + ids.length * 2);
    // The trail holds every opening, the query's SQL and every export and its file hash; the scan covers it.
    expect(filesBelow(join(root, 'data')).map((path) => basename(path)).sort()).toEqual(['audit.head', 'audit.jsonl']);
    for (const path of written) {
      expect(statSync(path).size, path).toBeGreaterThan(0);
      for (const text of searchableTexts(path)) {
        for (const marker of MARKERS) expect(text.includes(marker), `${marker} found in ${path}`).toBe(false);
      }
    }
  });
});
