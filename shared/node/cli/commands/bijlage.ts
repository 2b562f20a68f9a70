// `ketenlens bijlage <snapshot> --tables id,id,… --out FILE`: several catalogue tables as
// one appendix file (DOCX/ODT: one document with Tabel 1…N; XLSX/ODS: 'Inhoud' and a
// sheet per table), with disclosure control — suppression (k = 10) unless told otherwise,
// because a bijlage is made to be published.
import { InvalidParameterError, UsageError } from '../../../errors';
import { BIJLAGE_DEFAULT_DISCLOSURE } from '../../../export/disclosure';
import { checkDate, checkDoelgroep } from '../../../analyses/common/parameters';
import { findTable, buildTable, TABLE_IDS, type TableRequest } from '../../../tables/catalogue';
import { createAnalysisSession } from '../../../tables/session';
import type { TableModel } from '../../../tables/model';
import { type CliIo, type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS } from '../keys';
import { checkOutputTarget, OUTPUT_OPTIONS, protectForExport, resolveBijlageFormat, resolveDisclosure, writeBijlageOutput } from '../output';
import { buildFromSnapshotForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { commandTrail } from '../trail';
import { resolve } from 'node:path';


const HELP = `Usage: ketenlens bijlage <snapshot> --tables ID,ID,… --out FILE [options] [key options]

Writes several appendix tables into one file in the published layout of Kamerbrieven:
DOCX or ODT as one document with captions Tabel 1…N (in the order given), XLSX or ODS
as a contents sheet 'Inhoud' and a sheet per table. Each table has its 'Bron:' line,
notes and a provenance line (snapshot SHA-256, peildatum, generator, date).

Options:
  --tables ID,ID,…         catalogue ids (see 'ketenlens tables'), in caption order
  -o, --out FILE           the file to write (never replaced without --force)
  -f, --format FORMAT      docx | odt | xlsx | ods (default: from the --out extension)
  --disclosure METHOD      suppress[:k] (default, k = 10) | round5 | round10 | none
  --peildatum DATE[,DATE]  reference date(s) YYYY-MM-DD, repeatable (default: the snapshot's
                           peildatum); several go to elip-cohorten, the other tables take the last one
  --doelgroep GROEP        asiel | gezin | overig (tables that take it; default asiel)
  --title TEXT             document title (default 'Bijlage')
  --force                  replace FILE if it exists
  --confirm-unprotected    allow a person-level result
${KEY_HELP}

Exit codes: 0 written, 2 usage, 3 key, 4 damaged or not age, 5 not a snapshot v1,
6 cannot read or write a file, 7 refused (file exists, unprotected export, table needs an
absent optional snapshot table).
`;

/** Tables that take several reference dates (tables-v1.md: `peildata`, one or more). */
const MULTI_DATE_TABLES: readonly string[] = ['elip-cohorten'];

/** Several dates go to the tables that take several; the others get the last (latest given) one. */
function requestFor(id: string, request: TableRequest): TableRequest {
  const dates = request.peildata;
  if (dates === undefined || dates.length <= 1 || MULTI_DATE_TABLES.includes(id)) return request;
  return { ...request, peildata: dates.slice(-1) };
}

function tableIds(text: string | undefined): string[] {
  const ids = (text ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) {
    throw new UsageError(
      `Geef de tabellen met --tables ID,ID,… (bekend: ${TABLE_IDS.join(', ')}).`,
      `Give the tables with --tables ID,ID,… (known: ${TABLE_IDS.join(', ')}).`,
    );
  }
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    throw new InvalidParameterError('--tables', `'${duplicate}' staat er twee keer in.`, `'${duplicate}' is listed twice.`);
  }
  // Unknown ids are refused before the key is asked for.
  ids.forEach((id) => findTable(id));
  return ids;
}

function tableRequest(peildata: string[] | undefined, doelgroep: string | undefined): TableRequest {
  const request: TableRequest = {};
  if (peildata !== undefined) {
    // Repeatable like `table --peildatum`, and comma-separated for convenience.
    request.peildata = peildata.flatMap((text) => text.split(',')).map((date) => checkDate('--peildatum', date.trim()));
  }
  if (doelgroep !== undefined) request.doelgroep = checkDoelgroep('--doelgroep', doelgroep);
  return request;
}

export const bijlageCommand: Command = {
  name: 'bijlage',
  summary: 'write several appendix tables into one DOCX, ODT, XLSX or ODS file',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      ...KEY_OPTIONS,
      ...OUTPUT_OPTIONS,
      tables: { type: 'string' },
      peildatum: { type: 'string', multiple: true },
      doelgroep: { type: 'string' },
      title: { type: 'string' },
    });
    const [snapshotPath = ''] = requirePositionals(positionals, ['snapshot'], 'bijlage');
    // Every option is checked before the key is asked for or the snapshot decrypted.
    const ids = tableIds(values.tables);
    if (values.out === undefined) {
      throw new UsageError('Geef het doelbestand met --out BESTAND.', 'Give the file to write with --out FILE.');
    }
    const format = resolveBijlageFormat(values.format, values.out);
    const disclosure = resolveDisclosure(values.disclosure, BIJLAGE_DEFAULT_DISCLOSURE);
    const request = tableRequest(values.peildatum, values.doelgroep);
    await checkOutputTarget(values.out, values.force, io);

    const trail = commandTrail('bijlage', 'required', io);
    const built = await buildFromSnapshotForCommand(snapshotPath, values, io, trail, (snapshot) => {
      const session = createAnalysisSession(snapshot);
      return { sha256: snapshot.sha256, models: ids.map((id) => buildTable(session, id, requestFor(id, request))) };
    });
    const recording = { trail, snapshotPath: resolve(io.cwd, snapshotPath), snapshotSha256: built.sha256 };
    const models: TableModel[] = built.models.map((model) => protectForExport(model, disclosure, io));
    await writeBijlageOutput(
      models,
      {
        format,
        out: values.out,
        force: values.force === true,
        confirmedUnprotected: values['confirm-unprotected'] === true,
        title: values.title ?? 'Bijlage',
        recording,
      },
      io,
    );
    return 0;
  },
};
