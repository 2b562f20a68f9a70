// The table commands decrypt on demand (only the pages their tables need) while a worker
// verifies the whole file: damage where the table never reads is still refused, in the
// words `info` (which decrypts everything) uses, with "open-refused" in the audit trail
// and no output written; an intact file gives the same table either way.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/ipc/contract';
import { SEALED_CHUNK_BYTES } from '../../shared/age/payload';
import { runKetenlens, type CliRun } from '../support/cli-process';
import { buildSnapshotFile, FIXTURE_PASSPHRASE, makeTempDirectory, type SnapshotFixture } from '../support/snapshot';

// Persons and their loans first; then 40,000 portal views (≈ 2 MB, 30-odd chunks) that no
// ELIP table reads, so the file's last chunks hold only views.
const DATA = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland');
INSERT INTO inburgeraar VALUES ('P1', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL);
INSERT INTO inburgeraar VALUES ('P2', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL);
INSERT INTO lening_betaling VALUES ('P1', '2020-01-01', 950000), ('P2', '2020-01-01', 100000);
INSERT INTO portaal_signaal VALUES (1, 'P1', 'GM0363', 'Wi2013', '2022-01-01T00:00:00Z', NULL);
INSERT INTO portaal_inzage
  WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 40000)
  SELECT 1, '2022-01-02T00:00:00Z', 'gebruiker-' || k || '-met-een-lange-naam' FROM n;
`;

/** The message without the command's name ("ketenlens table: …"). */
const message = (run: CliRun): string => run.stderr.replace(/^ketenlens \w+: /, '');


let snapshot: SnapshotFixture;
let work: SnapshotFixture;
let dataDir = '';

function ketenlens(args: string[]): Promise<CliRun> {
  return runKetenlens(args, { cwd: work.directory, env: { KETENLENS_DATA_DIR: dataDir, KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE } });
}

async function trail(): Promise<AuditEntry[]> {
  const shown = await ketenlens(['audit', 'show', '--json']);
  return (JSON.parse(shown.stdout) as { entries: AuditEntry[] }).entries;
}

beforeAll(async () => {
  // The CLI is built by the audit-trail test's setup and by `npm test`'s build step.
  snapshot = await buildSnapshotFile(DATA);
  work = makeTempDirectory();
  dataDir = join(work.directory, 'data');
}, 120_000);
afterAll(() => {
  snapshot.remove();
  work.remove();
});

describe('table commands decrypting on demand', () => {
  it('refuse damage where the table never reads, as info does, and write nothing', { timeout: 120_000 }, async () => {
    const file = readFileSync(snapshot.path);
    expect(file.length).toBeGreaterThan(20 * SEALED_CHUNK_BYTES);
    const intact = await ketenlens(['table', 'elip-gemeenten', snapshot.path, '--format', 'csv']);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('GM0363');

    const damaged = join(work.directory, 'beschadigd.age');
    const copy = Buffer.from(file);
    copy[copy.length - 3 * SEALED_CHUNK_BYTES]! ^= 0x40; // in the views, three chunks from the end
    writeFileSync(damaged, copy);
    const before = (await trail()).length;
    const info = await ketenlens(['info', damaged]);
    expect(info.status).not.toBe(0);
    expect(info.stderr).toMatch(/chunk \d+/);
    const table = await ketenlens(['table', 'elip-gemeenten', damaged, '--format', 'csv', '--out', 'tabel.csv']);
    expect(table.status).toBe(info.status);
    expect(message(table)).toBe(message(info));
    expect(existsSync(join(work.directory, 'tabel.csv'))).toBe(false);
    const bijlage = await ketenlens(['bijlage', damaged, '--tables', 'elip-gemeenten', '--out', 'bijlage.csv.ods']);
    expect(message(bijlage)).toBe(message(info));
    expect(existsSync(join(work.directory, 'bijlage.csv.ods'))).toBe(false);
    const entries = (await trail()).slice(before);
    expect(entries.map((entry) => `${entry.action} ${String(entry.details.path)} ${String(entry.details.code)}`)).toEqual(
      Array.from({ length: 3 }, () => `open-refused ${damaged} ${String(entries[0]?.details.code)}`),
    );

    const cut = join(work.directory, 'afgekapt.age');
    writeFileSync(cut, file.subarray(0, file.length - SEALED_CHUNK_BYTES));
    const cutInfo = await ketenlens(['info', cut]);
    const cutTable = await ketenlens(['table', 'elip-gemeenten', cut]);
    expect(cutTable.status).toBe(cutInfo.status);
    expect(message(cutTable)).toBe(message(cutInfo));
    expect(cutTable.status).not.toBe(0);
    expect(cutTable.stdout).toBe('');
  });
});
