// `ketenlens table datalek-ernst … --beoordeling FILE`: reads the assessor's input file,
// merges it with --dpc/--ei/--cb (they must agree), and saves the resulting assessment in
// the data folder with its audit entry — the same record and entry as the app's "Bewaren".
import { instantOfDate } from '../../../dates';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FileReadError, InvalidParameterError } from '../../../errors';
import { formatDecimal } from '../../../format';
import { assessmentRecord, parseAssessmentFile, resultOfRow, type AssessmentFile } from '../../../analyses/datalek/assessment';
import type { TableRequest } from '../../../tables/catalogue';
import type { TableModel } from '../../../tables/model';
import { cliDataDir } from '../../audit';
import { saveAssessment } from '../../assessment/store';
import type { CliIo } from '../command';

export async function readAssessmentInput(path: string, io: CliIo): Promise<AssessmentFile> {
  const absolute = resolve(io.cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new FileReadError(absolute, 'het beoordelingsbestand is niet leesbaar', 'the assessment file cannot be read', { cause: error });
  }
  return parseAssessmentFile(text, path);
}

/** Adds the file's incident and factors to the request; refuses where options and file disagree. */
export function mergeAssessmentFile(request: TableRequest, file: AssessmentFile): void {
  if (file.incident !== null) {
    if (request.incident !== undefined && request.incident !== file.incident) {
      throw new InvalidParameterError('--incident', `'${request.incident}' wijkt af van het incident in het beoordelingsbestand ('${file.incident}').`,
        `'${request.incident}' differs from the incident in the assessment file ('${file.incident}').`);
    }
    request.incident = file.incident;
  }
  if (request.incident === undefined) {
    throw new InvalidParameterError('--incident', 'een beoordeling hoort bij één incident: geef --incident of "incident" in het bestand.',
      'an assessment belongs to one incident: give --incident or "incident" in the file.');
  }
  const factors = { ...file.factors };
  for (const key of ['dpc', 'ei', 'cb'] as const) {
    const option = request.enisa?.[key];
    const given = factors[key];
    if (option !== undefined && given !== undefined && option !== given) {
      throw new InvalidParameterError(`--${key}`, `${option} wijkt af van ${given} in het beoordelingsbestand.`, `${option} differs from ${given} in the assessment file.`);
    }
    if (option !== undefined) factors[key] = option;
  }
  if (Object.keys(factors).length > 0) request.enisa = factors;
  if (Object.keys(file.circumstances).length > 0) request.enisaCircumstances = file.circumstances;
}

export async function saveFromCommandLine(model: TableModel, request: TableRequest, file: AssessmentFile, snapshotSha256: string, io: CliIo): Promise<void> {
  const row = model.rows.find((each) => each.incident === request.incident);
  const result = row === undefined ? null : resultOfRow(row);
  if (result === null) {
    throw new InvalidParameterError('--beoordeling', `incident '${request.incident ?? ''}' heeft geen ernst; geef alle drie de factoren (--dpc, --ei, --cb).`,
      `incident '${request.incident ?? ''}' has no severity; give all three factors (--dpc, --ei, --cb).`);
  }
  const peildatum = typeof model.parameters.peildatum === 'string' ? model.parameters.peildatum : model.provenance.peildatum;
  const record = assessmentRecord(
    { incident: request.incident ?? '', factors: request.enisa ?? {}, circumstances: request.enisaCircumstances ?? {}, reasoning: file.reasoning, assessor: file.assessor },
    result,
    { snapshotSha256, peildatum, savedAt: instantOfDate(new Date()), via: 'cli' },
  );
  const dataDir = cliDataDir(io.env);
  await saveAssessment(dataDir, record, 'cli');
  const se = formatDecimal(result.se, 2);
  io.stderr.write(
    io.language === 'nl'
      ? `Beoordeling bewaard in ${dataDir} (incident ${record.incident}, SE ${se}, ${result.ernst}, door ${record.assessor}).\n`
      : `Assessment saved in ${dataDir} (incident ${record.incident}, SE ${se}, ${result.ernst}, by ${record.assessor}).\n`,
  );
}
