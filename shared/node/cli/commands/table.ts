// `ketenlens table <id> <snapshot> [options]`: one appendix table of the catalogue, built
// from a snapshot and written in any export format to stdout or a file. Every option is
// checked before the key is asked for or the snapshot is decrypted.
import { InvalidParameterError } from '../../../errors';
import { buildTable, findTable, type TableRequest } from '../../../tables/catalogue';
import { createAnalysisSession } from '../../../tables/session';
import type { TableModel } from '../../../tables/model';
import { checkDate, checkDoelgroep } from '../../../analyses/common/parameters';
import { type CliIo, type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS } from '../keys';
import { OUTPUT_HELP, OUTPUT_OPTIONS, protectForExport, resolveDisclosure, resolveFormat, writeTableOutput } from '../output';
import { buildFromSnapshotForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { enisaOverrides } from '../../../analyses/datalek/enisa';
import { saveFromCommandLine, mergeAssessmentFile, readAssessmentInput } from './table-assessment';
import { commandTrail } from '../trail';
import { resolve } from 'node:path';
import { TABLE_PARAMETER_OPTIONS } from '../table-parameters';

const HELP = `Usage: ketenlens table <id> <snapshot> [options] [key options]

Builds one appendix table (see 'ketenlens tables') from a snapshot and prints it, or
writes it with --out. The table states the parameters it used, its definitions and the
rows skipped as data-quality findings in its notes.

Parameters (defaults: the snapshot's peildatum, doelgroep asiel, € 9.500 and € 7.500):
  --peildatum DATE         reference date YYYY-MM-DD; repeat it (or separate with commas)
                           for several dates in elip-cohorten
  --doelgroep GROEP        asiel | gezin | overig (elip-*)
  --drempel EUR            ELIP-A threshold in euros, e.g. 9500 or 9500,50
  --drempel-b EUR          ELIP-B threshold in euros (elip-gemeenten)
  --maanden-b N            ELIP-B months of deadline left (default 12)
  --cohort-merge-from YEAR merge the cohorts from YEAR on into one column (elip-cohorten)
  --vanaf DATE             only orders ready (incasso-achterstand) or permits and notices
                           (kennisgeving-vertraging) from DATE on
  --tot-en-met DATE        … up to and including DATE
  --incident ID            the incident (datalek tables)
  --dpc N, --ei N, --cb N  datalek-ernst: the assessor's ENISA factors (DPC 1–4, EI
                           0,25–1, CB 0–2); absent ones follow the proposal
  --beoordeling FILE       datalek-ernst: save the assessment (factors, circumstances,
                           reasoning, name, date) for this snapshot in the data folder
                           the app shares (KETENLENS_DATA_DIR overrides) with an audit
                           entry, as the app does. FILE is JSON:
                           {"beoordelaar": "name", "toelichting": "why",
                            "incident"?: "ID", "factoren"?: {"dpc"?, "ei"?, "cb"?},
                            "omstandigheden"?: {"confidentiality"?: "exposed" |
                              "known-recipients" | "unknown-recipients",
                              "integrity"?: "none" | "recoverable" | "irrecoverable",
                              "availability"?: "none" | "temporary" | "permanent",
                              "maliciousIntent"?: true | false}}
                           Options --dpc/--ei/--cb and the file must not disagree.
${OUTPUT_HELP}
${KEY_HELP}

Without --format the format follows the --out extension, else md.
Exit codes: 0 written, 2 usage or bad parameter, 3 key, 4 damaged or not age,
5 not a snapshot v1, 6 cannot read or write a file, 7 refused (file exists, the table
needs an absent optional snapshot table, unprotected person-level export).
`;

/** Euros as text ('9500', '9500,50', '9.500' is refused as ambiguous) → whole cents. */
export function eurosToCents(option: string, text: string): number {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (match === null) {
    throw new InvalidParameterError(
      option,
      `'${text}' is geen bedrag in euro's van nul of meer (bijvoorbeeld 9500 of 9500,50).`,
      `'${text}' is not an amount in euros of zero or more (for example 9500 or 9500.50).`,
    );
  }
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new InvalidParameterError(
      option,
      `'${text}' is geen geheel getal van ${min} tot en met ${max}.`,
      `'${text}' is not a whole number from ${min} to ${max}.`,
    );
  }
  return Number(text);
}

interface ParameterValues {
  peildatum?: string[] | undefined;
  doelgroep?: string | undefined;
  drempel?: string | undefined;
  'drempel-b'?: string | undefined;
  'maanden-b'?: string | undefined;
  'cohort-merge-from'?: string | undefined;
  vanaf?: string | undefined;
  'tot-en-met'?: string | undefined;
  incident?: string | undefined;
  dpc?: string | undefined;
  ei?: string | undefined;
  cb?: string | undefined;
}

/** A factor as typed: '0,25' or '0.25'. Range checks are enisaOverrides'. */
function factorOption(option: string, text: string): number {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new InvalidParameterError(option, `'${text}' is geen getal.`, `'${text}' is not a number.`);
  }
  return value;
}

/** The TableRequest the options describe; throws InvalidParameterError for bad values. */
export function requestFromOptions(values: ParameterValues): TableRequest {
  const request: TableRequest = {};
  const dates = (values.peildatum ?? []).flatMap((text) => text.split(',')).map((text) => text.trim()).filter((text) => text !== '');
  if (dates.length > 0) request.peildata = dates.map((date) => checkDate('--peildatum', date));
  if (values.doelgroep !== undefined) request.doelgroep = checkDoelgroep('--doelgroep', values.doelgroep);
  if (values.drempel !== undefined) request.drempel_cent = eurosToCents('--drempel', values.drempel);
  if (values['drempel-b'] !== undefined) request.drempel_b_cent = eurosToCents('--drempel-b', values['drempel-b']);
  if (values['maanden-b'] !== undefined) request.maanden_b = wholeNumber('--maanden-b', values['maanden-b'], 0, 1200);
  if (values['cohort-merge-from'] !== undefined) {
    request.cohort_merge_from = wholeNumber('--cohort-merge-from', values['cohort-merge-from'], 1900, 2200);
  }
  if (values.vanaf !== undefined) request.vanaf = checkDate('--vanaf', values.vanaf);
  if (values['tot-en-met'] !== undefined) request.tot_en_met = checkDate('--tot-en-met', values['tot-en-met']);
  if (values.vanaf !== undefined && values['tot-en-met'] !== undefined && values.vanaf > values['tot-en-met']) {
    throw new InvalidParameterError('--vanaf', 'de periode begint na het einde.', 'the period starts after it ends.');
  }
  if (values.incident !== undefined) request.incident = values.incident;
  const enisa: Partial<Record<'dpc' | 'ei' | 'cb', number>> = {};
  for (const key of ['dpc', 'ei', 'cb'] as const) {
    const text = values[key];
    if (text !== undefined) enisa[key] = factorOption(`--${key}`, text);
  }
  if (Object.keys(enisa).length > 0) request.enisa = enisaOverrides(enisa);
  return request;
}

export const tableCommand: Command = {
  name: 'table',
  summary: 'make one appendix table from a snapshot (md, csv, json, xlsx, docx, …)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      ...KEY_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...TABLE_PARAMETER_OPTIONS,
      dpc: { type: 'string' },
      ei: { type: 'string' },
      cb: { type: 'string' },
      beoordeling: { type: 'string' },
    });
    const [id = '', snapshotPath = ''] = requirePositionals(positionals, ['id', 'snapshot'], 'table');
    findTable(id);
    const request = requestFromOptions(values);
    if ((request.enisa !== undefined || values.beoordeling !== undefined) && id !== 'datalek-ernst') {
      throw new InvalidParameterError('--dpc', 'de ENISA-factoren en --beoordeling horen bij datalek-ernst.', 'the ENISA factors and --beoordeling belong to datalek-ernst.');
    }
    const assessmentFile = values.beoordeling === undefined ? null : await readAssessmentInput(values.beoordeling, io);
    if (assessmentFile !== null) mergeAssessmentFile(request, assessmentFile);
    const format = resolveFormat(values.format, values.out, 'md');
    const disclosure = resolveDisclosure(values.disclosure, { method: 'none' });

    const trail = commandTrail('table', 'required', io);
    const { built, sha256 } = await buildFromSnapshotForCommand(snapshotPath, values, io, trail, (snapshot) => ({
      built: buildTable(createAnalysisSession(snapshot), id, request),
      sha256: snapshot.sha256,
    }));
    const recording = { trail, snapshotPath: resolve(io.cwd, snapshotPath), snapshotSha256: sha256 };
    if (assessmentFile !== null) await saveFromCommandLine(built, request, assessmentFile, sha256, io);
    const model: TableModel = protectForExport(built, disclosure, io);
    await writeTableOutput(
      model,
      { format, out: values.out, force: values.force === true, confirmedUnprotected: values['confirm-unprotected'] === true, recording },
      io,
    );
    return 0;
  },
};
