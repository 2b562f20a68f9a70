// The assessment store on disk: records appended per snapshot as history, the audit entry
// written with them (and first), damaged lines reported, bad hashes refused.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASSESSMENT_FORMAT, latestPerIncident, type SavedAssessment } from '../../analyses/datalek/assessment';
import { readAudit } from '../audit';
import { ASSESSMENT_FOLDER, listAssessments, saveAssessment } from './store';

const sha = 'c0'.repeat(32);
const record = (overrides: Partial<SavedAssessment> = {}): SavedAssessment => ({
  format: ASSESSMENT_FORMAT, incident: 'INC-2022-001', factors: { cb: 0.5 }, circumstances: { integrity: 'recoverable' },
  reasoning: 'Gemeenten hebben de gegevens ingezien.', assessor: 'M. de Vries', snapshotSha256: sha, peildatum: '2022-01-31',
  savedAt: '2026-12-05T08:00:00Z', via: 'cli', result: { dpc: 3, ei: 1, cb: 0.5, se: 3.5, ernst: 'hoog' }, ...overrides,
});

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-assessments-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('assessment store', () => {
  it('keeps every save as history, the latest per incident current, each audited', async () => {
    expect(await listAssessments(dataDir, sha)).toEqual([]);
    await saveAssessment(dataDir, record(), 'cli');
    await saveAssessment(dataDir, record({ assessor: 'J. Jansen', savedAt: '2026-12-05T09:00:00Z', result: { dpc: 3, ei: 1, cb: 0.25, se: 3.25, ernst: 'hoog' } }), 'host');
    await saveAssessment(dataDir, record({ incident: 'INC-2022-002' }), 'cli');
    const listed = await listAssessments(dataDir, sha);
    expect(listed.map((each) => each.assessor)).toEqual(['M. de Vries', 'J. Jansen', 'M. de Vries']);
    expect(latestPerIncident(listed).get('INC-2022-001')?.result.se).toBe(3.25);
    expect(await listAssessments(dataDir, 'ab'.repeat(32))).toEqual([]);
    const audit = await readAudit(dataDir);
    expect(audit.map((entry) => entry.action)).toEqual(['save-assessment', 'save-assessment', 'save-assessment']);
    expect(audit[1]?.details).toMatchObject({ source: 'host', incident: 'INC-2022-001', snapshot_sha256: sha, assessor: 'J. Jansen', se: 3.25, ernst: 'hoog', fixed: ['cb'] });
    const text = await readFile(join(dataDir, ASSESSMENT_FOLDER, `${sha}.jsonl`), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(3);
  });

  it('refuses a path-like hash and reports a damaged line by number', async () => {
    await expect(listAssessments(dataDir, '../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-parameter' });
    await expect(saveAssessment(dataDir, record({ snapshotSha256: '../x' }), 'cli')).rejects.toMatchObject({ code: 'invalid-parameter' });
    await mkdir(join(dataDir, ASSESSMENT_FOLDER));
    await writeFile(join(dataDir, ASSESSMENT_FOLDER, `${sha}.jsonl`), `${JSON.stringify(record())}\n{"format":"x"}\n`);
    await expect(listAssessments(dataDir, sha)).rejects.toThrow(/regel 2|line 2/);
  });

  it('does not keep an assessment whose audit entry cannot be written', async () => {
    // A folder where the trail should be: appending fails.
    await mkdir(join(dataDir, 'audit.jsonl'));
    await expect(saveAssessment(dataDir, record(), 'cli')).rejects.toThrow();
    expect(await listAssessments(dataDir, sha)).toEqual([]);
  });
});
