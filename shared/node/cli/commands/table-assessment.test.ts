// `ketenlens table datalek-ernst --dpc/--ei/--cb --beoordeling FILE` on the demo snapshot:
// the proposal for the January 2022 breach, the assessor's CB, the record and audit entry
// in the data folder, and refusals (options that disagree with the file, a BSN in the text).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../errors';
import { generateDemoSnapshot } from '../../../demo/index';
import { loadSqlJs } from '../../../../test/support/snapshot';
import { FIXTURE_PASSPHRASE, writeEncryptedFile, type SnapshotFixture } from '../../../../test/support/snapshot';
import { readAudit } from '../../audit';
import { listAssessments } from '../../assessment/store';
import { main } from '../main';
import { captureCliIo } from '../../../../test/support/cli-io';

let demo: SnapshotFixture;
let dataDir = '';
let sha256 = '';
beforeAll(async () => {
  demo = await writeEncryptedFile(generateDemoSnapshot(await loadSqlJs()), { name: 'demo.snapshot.age' });
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-cli-assessment-'));
  sha256 = createHash('sha256').update(await readFile(demo.path)).digest('hex');
}, 120_000);
afterAll(async () => {
  demo.remove();
  await rm(dataDir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureCliIo({ cwd: demo.directory, env: { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, KETENLENS_DATA_DIR: dataDir } });
  return main(args, captured.io).then((code) => ({ code, stdout: captured.stdout(), stderr: captured.stderr() }));
}

describe('ketenlens table datalek-ernst with an assessment', () => {
  it('proposes DPC 3, EI 1, CB 0,25 for the demo breach and saves the assessor’s CB 0,5 with name and reasoning', async () => {
    const proposal = await run(['table', 'datalek-ernst', 'demo.snapshot.age', '--incident', 'INC-2022-001', '--format', 'json']);
    expect(proposal.code).toBe(EXIT.ok);
    const proposed = JSON.parse(proposal.stdout) as { rows: Record<string, unknown>[] };
    expect(proposed.rows[0]).toMatchObject({ dpc: 3, ei: 1, cb: 0.25, se: 3.25, ernst: 'hoog' });

    await writeFile(join(demo.directory, 'beoordeling.json'), JSON.stringify({
      beoordelaar: 'M. de Vries', toelichting: 'Onbekend of gemeenten de gegevens hebben doorgestuurd.',
      omstandigheden: { integrity: 'none' },
    }));
    const saved = await run(['table', 'datalek-ernst', 'demo.snapshot.age', '--incident', 'INC-2022-001', '--cb', '0,5', '--beoordeling', 'beoordeling.json', '--format', 'json']);
    expect(saved.stderr).toContain('Assessment saved');
    expect(saved.code).toBe(EXIT.ok);
    expect((JSON.parse(saved.stdout) as { rows: Record<string, unknown>[] }).rows[0]).toMatchObject({ cb: 0.5, se: 3.5, ernst: 'hoog' });

    const records = await listAssessments(dataDir, sha256);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      incident: 'INC-2022-001', assessor: 'M. de Vries', factors: { cb: 0.5 }, circumstances: { integrity: 'none' }, via: 'cli',
      peildatum: '2023-09-15', result: { dpc: 3, ei: 1, cb: 0.5, se: 3.5, ernst: 'hoog' },
    });
    const audit = await readAudit(dataDir);
    expect(audit.filter((entry) => entry.action === 'save-assessment').at(-1)?.details).toMatchObject({ source: 'cli', assessor: 'M. de Vries', se: 3.5 });
  }, 120_000);

  it('refuses options that disagree with the file, a BSN-like number, and factors for another table — and saves nothing', async () => {
    const before = (await listAssessments(dataDir, sha256)).length;
    await writeFile(join(demo.directory, 'tegen.json'), JSON.stringify({ beoordelaar: 'X', toelichting: '', factoren: { cb: 1 }, incident: 'INC-2022-001' }));
    const disagree = await run(['table', 'datalek-ernst', 'demo.snapshot.age', '--cb', '0,5', '--beoordeling', 'tegen.json']);
    expect(disagree.code).toBe(EXIT.usage);
    expect(disagree.stderr).toContain('differs from 1 in the assessment file');
    await writeFile(join(demo.directory, 'bsn.json'), JSON.stringify({ beoordelaar: 'X', toelichting: 'betreft 123456782', incident: 'INC-2022-001' }));
    const bsn = await run(['table', 'datalek-ernst', 'demo.snapshot.age', '--beoordeling', 'bsn.json']);
    expect(bsn.code).toBe(EXIT.usage);
    expect(bsn.stderr).toContain('9-digit');
    const other = await run(['table', 'datalek-gemeenten', 'demo.snapshot.age', '--dpc', '3']);
    expect(other.code).toBe(EXIT.usage);
    expect(await listAssessments(dataDir, sha256)).toHaveLength(before);
  }, 120_000);
});
