// Seeded, time-bounded fuzzing of everything a malicious or damaged snapshot can reach:
// the age container (header and payload bytes), the decrypted SQLite image, and the
// table contents (wrong types, NULLs, huge strings, dangling ids, broken dates). Every
// case must end in a typed refusal (KetenlensError) or a valid result with findings —
// never a crash, a hang or an untyped error. Prints the count and outcome.
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { isKetenlensError } from '../../shared/errors';
import { decryptAgeBytes, encryptAge, generateIdentity } from '../../shared/node/age';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { TABLE_COLUMNS } from '../../shared/snapshot/schema';
import { TABLE_IDS, buildTable } from '../../shared/tables/catalogue';
import { createAnalysisSession } from '../../shared/tables/session';
import { buildPlaintext } from '../support/snapshot';

const SEED = Number(process.env.KETENLENS_FUZZ_SEED ?? 20261123);
const MIN_CASES = Number(process.env.KETENLENS_FUZZ_CASES ?? 10_000);
const MAX_SECONDS = Number(process.env.KETENLENS_FUZZ_SECONDS ?? 150);
const SLOW_CASE_MS = 5_000;

/** sfc32: small, fast, seedable; the same seed gives the same cases on every machine. */
function random(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed;
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

const FIXTURE_SQL = `
INSERT INTO gemeente VALUES ('GM0363','Amsterdam','Noord-Holland'),('GM0344','Utrecht','Utrecht'),('GM0599','Rotterdam',NULL);
INSERT INTO inburgeraar VALUES
 ('P1','Wi2013','asiel','2018-03-01','2022-09-01','GM0363','lopend',NULL),
 ('P2','Wi2013','asiel','2019-05-05','2023-02-28','GM0344','voldaan','2023-01-10'),
 ('P3','Wi2021','gezin','2022-02-01',NULL,NULL,'lopend',NULL),
 ('P4','Wi2007','overig','2012-02-01','2015-01-01','GM0599','lopend',NULL),
 ('P5','Wi2013','asiel','2020-02-29','2024-02-29','GM0363','ontheven','2023-05-01');
INSERT INTO lening_betaling VALUES ('P1','2019-01-01',500000),('P1','2020-01-01',460000),('P1','2020-02-01',-20000),
 ('P2','2020-01-01',800000),('P5','2021-01-01',960000),('P5','2021-06-01',-300000);
INSERT INTO termijnoverschrijding VALUES (1,'P1','2022-09-01','2022-10-01','2022-11-01',NULL,NULL,NULL),
 (2,'P2','2021-03-01','2021-04-01',NULL,'boete','2021-06-01',25000),(3,'P4','2015-01-01',NULL,NULL,'verlenging','2015-02-01',NULL);
INSERT INTO dwangbevel VALUES (1,'P2','boete','2017-11-05',NULL),(2,'P1','lening','2018-01-01','2018-12-01');
INSERT INTO gegevenscategorie VALUES ('NAW','Naam, adres, woonplaats',0),('STATUS','Inburgeringsstatus',0),('MED','Medisch',1);
INSERT INTO portaal_signaal VALUES (1,'P1','GM0363','Wi2021','2022-01-05T08:00:00Z','2022-01-27T12:00:00Z'),
 (2,'P2','GM0599','Wi2013','2022-01-06T08:00:00Z',NULL),(3,'P3','GM0344','Wi2021','2022-02-01T00:00:00Z',NULL);
INSERT INTO signaal_gegeven VALUES (1,'NAW'),(1,'STATUS'),(2,'NAW'),(3,'MED');
INSERT INTO portaal_inzage VALUES (1,'2022-01-06T09:30:00Z','u1'),(1,'2022-01-28T09:30:00Z','u2'),(2,'2022-03-01T10:00:00Z','u3');
INSERT INTO incident VALUES ('I1','Portaal','datalek','2022-01-05T10:00:00Z','2022-01-07T09:00:00Z',NULL,NULL,'test');
INSERT INTO kennisgeving VALUES ('P1','Wi2021','2022-01-03'),('P3','Wi2021','2022-03-01');
INSERT INTO ind_levering VALUES ('P3','2022-01-10',NULL),('P2','2022-01-10','2022-03-01');
`;

type Outcome = 'opened' | 'refused';
interface Tally {
  cases: number;
  opened: number;
  refused: Map<string, number>;
  untyped: { kind: string; error: string }[];
  slow: { kind: string; ms: number }[];
}

const INFO = { sha256: '0'.repeat(64), fileSize: 0, keyKind: 'identity' as const };

/** Open and run every table; refusals must be typed. Returns the outcome. */
async function exercise(plaintext: Uint8Array): Promise<Outcome> {
  const snapshot = await openSnapshotFromPlaintext(plaintext, INFO, nodeSqlJsProvider);
  try {
    const session = createAnalysisSession(snapshot);
    for (const id of TABLE_IDS) {
      try {
        buildTable(session, id, {});
      } catch (error) {
        if (!isKetenlensError(error)) throw error;
      }
    }
  } finally {
    snapshot.close();
  }
  return 'opened';
}

async function record(tally: Tally, kind: string, work: () => Promise<Outcome>): Promise<void> {
  const started = performance.now();
  try {
    if ((await work()) === 'opened') tally.opened++;
  } catch (error) {
    if (isKetenlensError(error)) tally.refused.set(error.code, (tally.refused.get(error.code) ?? 0) + 1);
    else tally.untyped.push({ kind, error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n") ?? ""}` : String(error) });
  }
  const ms = performance.now() - started;
  if (ms > SLOW_CASE_MS) tally.slow.push({ kind, ms });
  tally.cases++;
}

function mutateBytes(bytes: Uint8Array, next: () => number, region: [number, number]): Uint8Array {
  const copy = bytes.slice();
  const flips = 1 + Math.floor(next() * 3);
  for (let i = 0; i < flips; i++) {
    const at = region[0] + Math.floor(next() * (region[1] - region[0]));
    copy[at] = (copy[at] ?? 0) ^ (1 + Math.floor(next() * 255));
  }
  return copy;
}

const TABLES = Object.keys(TABLE_COLUMNS) as (keyof typeof TABLE_COLUMNS)[];
const POISON: (string | number | null)[] = [
  null, '', 'x', -1, 0, 2 ** 53, -(2 ** 31), 1.5, '2022-02-30', '2022-13-01', '20220101', '2022-01-01T25:00:00Z',
  '2022-01-01 10:00:00', 'Wi2099', 'GM12', "'; DROP TABLE meta; --", '\u0000', '😀'.repeat(10), 'a'.repeat(100_000), 'NOBODY', 'GM9999',
];

function mutateContents(db: Database, next: () => number): void {
  const operations = 1 + Math.floor(next() * 4);
  for (let i = 0; i < operations; i++) {
    const table = TABLES[Math.floor(next() * TABLES.length)] ?? 'inburgeraar';
    const exists = db.exec(`SELECT 1 FROM sqlite_master WHERE name = '${table}'`).length > 0;
    if (!exists) continue;
    const columns = TABLE_COLUMNS[table];
    const column = columns[Math.floor(next() * columns.length)] ?? columns[0];
    const value = POISON[Math.floor(next() * POISON.length)] ?? null;
    const choice = next();
    try {
      if (choice < 0.7) db.run(`UPDATE ${table} SET ${column} = ? WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY random() LIMIT 1)`, [value]);
      else if (choice < 0.85) db.run(`INSERT INTO ${table} SELECT * FROM ${table} LIMIT 1`);
      else db.run(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY random() LIMIT 1)`);
    } catch {
      // WITHOUT ROWID tables and constraint conflicts refuse some operations; that is fine.
    }
  }
}

describe('fuzzing', () => {
  it(`ends every case in a typed refusal or a valid result (≥ ${MIN_CASES} cases)`, { timeout: (MAX_SECONDS + 120) * 1000 }, async () => {
    const next = random(SEED);
    const plaintext = await buildPlaintext(FIXTURE_SQL, { schema: 'loose' });
    const strictPlaintext = await buildPlaintext(FIXTURE_SQL);
    const { identity, recipient } = generateIdentity();
    const key = { kind: 'identities' as const, identities: [identity] };
    const encrypted = await encryptAge(strictPlaintext, { kind: 'x25519', recipients: [recipient] });
    const armored = await encryptAge(strictPlaintext, { kind: 'x25519', recipients: [recipient] }, { armor: true });
    const headerEnd = new TextDecoder('latin1').decode(encrypted).indexOf('\n---') + 48;
    const SQL = await nodeSqlJsProvider();

    const tally: Tally = { cases: 0, opened: 0, refused: new Map(), untyped: [], slow: [] };
    const started = performance.now();
    // Sanity: the unmutated file opens.
    await record(tally, 'baseline', async () => exercise((await decryptAgeBytes(encrypted, key)).plaintext));
    expect(tally.opened).toBe(1);

    while (tally.cases < MIN_CASES || performance.now() - started < 10_000) {
      if (performance.now() - started > MAX_SECONDS * 1000) break;
      const pick = next();
      if (pick < 0.3) {
        const mutated = mutateBytes(encrypted, next, [0, headerEnd]);
        await record(tally, 'age-header', async () => exercise((await decryptAgeBytes(mutated, key)).plaintext));
      } else if (pick < 0.5) {
        const mutated = mutateBytes(encrypted, next, [headerEnd, encrypted.length]);
        await record(tally, 'age-payload', async () => exercise((await decryptAgeBytes(mutated, key)).plaintext));
      } else if (pick < 0.55) {
        const mutated = mutateBytes(armored, next, [0, armored.length]);
        await record(tally, 'age-armor', async () => exercise((await decryptAgeBytes(mutated, key)).plaintext));
      } else if (pick < 0.62) {
        const cut = encrypted.subarray(0, Math.floor(next() * encrypted.length));
        await record(tally, 'age-truncated', async () => exercise((await decryptAgeBytes(cut, key)).plaintext));
      } else if (pick < 0.85) {
        // The SQLite image itself: header page, schema page or data pages.
        const region: [number, number] = next() < 0.3 ? [0, 100] : [0, plaintext.length];
        const mutated = mutateBytes(next() < 0.5 ? plaintext : strictPlaintext, next, region);
        await record(tally, 'sqlite-image', () => exercise(mutated));
      } else {
        const db = new SQL.Database(next() < 0.5 ? plaintext : strictPlaintext);
        db.run('PRAGMA ignore_check_constraints = ON');
        mutateContents(db, next);
        const mutated = db.export();
        db.close();
        await record(tally, 'table-contents', () => exercise(mutated));
      }
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const refused = [...tally.refused.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(
      `fuzz: ${tally.cases} cases in ${seconds} s (seed ${SEED}): ${tally.opened} opened with results, ` +
        `${tally.cases - tally.opened - tally.untyped.length} refused (${refused}); ` +
        `${tally.untyped.length} untyped errors, ${tally.slow.length} slow cases (> ${SLOW_CASE_MS} ms)`,
    );
    expect(tally.untyped.slice(0, 5)).toEqual([]);
    expect(tally.slow).toEqual([]);
    expect(tally.cases).toBeGreaterThanOrEqual(MIN_CASES);
  });
});
