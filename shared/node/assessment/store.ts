// Node corner: saved breach assessments in the data folder, one append-only JSON-lines
// file per snapshot (`beoordelingen/<sha256>.jsonl`), so every earlier assessment stays as
// history and the latest per incident is the current one. Saving writes the audit entry
// first: an assessment that cannot be recorded is not kept. Shared by Electron's main
// process and the command line, so both keep the same files and the same audit entry.
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileReadError, FileWriteError, InvalidParameterError } from '../../errors';
import { checkSavedAssessment, type SavedAssessment } from '../../analyses/datalek/assessment';
import { appendAudit } from '../audit';

export const ASSESSMENT_FOLDER = 'beoordelingen';
const SHA256 = /^[0-9a-f]{64}$/;

function fileOf(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) {
    throw new InvalidParameterError('snapshotSha256', 'geen SHA-256 (64 hexadecimale tekens).', 'not a SHA-256 (64 hex characters).');
  }
  return join(dataDir, ASSESSMENT_FOLDER, `${sha256}.jsonl`);
}

/** The assessments saved for a snapshot, oldest first; lines that are not valid records are reported, not skipped. */
export async function listAssessments(dataDir: string, sha256: string): Promise<SavedAssessment[]> {
  const path = fileOf(dataDir, sha256);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw new FileReadError(path, 'de beoordelingen zijn niet leesbaar', 'the assessments cannot be read', { cause: error });
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return checkSavedAssessment(JSON.parse(line));
      } catch (error) {
        throw new FileReadError(path, `regel ${index + 1} is geen geldige beoordeling`, `line ${index + 1} is not a valid assessment`, { cause: error });
      }
    });
}

/** Audits, then appends the record (fsynced). Returns the record as stored. */
export async function saveAssessment(dataDir: string, record: SavedAssessment, source: 'host' | 'cli'): Promise<SavedAssessment> {
  const checked = checkSavedAssessment(record);
  const path = fileOf(dataDir, checked.snapshotSha256);
  await appendAudit(dataDir, {
    action: 'save-assessment',
    details: {
      source,
      incident: checked.incident,
      snapshot_sha256: checked.snapshotSha256,
      peildatum: checked.peildatum,
      assessor: checked.assessor,
      dpc: checked.result.dpc,
      ei: checked.result.ei,
      cb: checked.result.cb,
      se: checked.result.se,
      ernst: checked.result.ernst,
      fixed: Object.keys(checked.factors),
    },
  });
  try {
    await mkdir(join(dataDir, ASSESSMENT_FOLDER), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(checked)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileWriteError(path, 'de beoordeling kon niet worden bewaard', 'the assessment could not be saved', { cause: error });
  }
  return checked;
}
