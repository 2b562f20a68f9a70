// Which catalogue table a published table is, and at which parameters: from the file's
// provenance (our exports), else from the table itself — the header labels, the dates in
// its first column, and the threshold, doelgroep and date in its title — else from the
// catalogue's defaults where it has them. What is still missing is named, never guessed.
import { MissingParameterError, TableNotRecognisedError } from '../errors';
import { DOELGROEPEN } from '../snapshot/vocabulary';
import { findTable, type Doelgroep, type TableRequest } from '../tables/catalogue';
import type { ReadTable } from './read/types';
import { cellDate, normalizeText, parseDate } from './values';

/** The header labels a catalogue table is known by (normalized), and its row-label column. */
interface Signature {
  id: string;
  labels: readonly string[];
  /** Labels that vary with the data (cohort years). */
  pattern?: RegExp;
  /** Parameters without a default: must come from provenance, the table or an option. */
  needs: readonly ('peildatum' | 'incident')[];
}

/** Kept in step with the table definitions by reconcile/match.test.ts (built from the demo). */
export const SIGNATURES: readonly Signature[] = [
  { id: 'elip-cohorten', labels: ['peildatum', 'totaal'], pattern: /^'\d{2}(\/'\d{2})?$/, needs: [] },
  { id: 'elip-gemeenten', labels: ['gemeentecode', 'gemeente', 'elip-a', 'elip-b', 'totaal'], needs: ['peildatum'] },
  {
    id: 'boete-achterstand',
    labels: ['maand termijneinde', 'overschrijdingen', 'boete aangekondigd', 'besloten: boete', 'besloten: verlenging', 'besloten: geen boete', 'achterstand'],
    needs: ['peildatum'],
  },
  { id: 'boete-ouderdom', labels: ['tijd sinds aankondiging', 'achterstand'], needs: ['peildatum'] },
  { id: 'incasso-achterstand', labels: ['jaar gereed', 'soort', 'openstaand'], needs: ['peildatum'] },
  {
    id: 'datalek-gemeenten',
    labels: ['code', 'gemeente', 'personen', 'personen ingezien', 'inzagen', 'gebruikers', 'personen overgangsrecht', 'personen adreskoppeling',
      'eerste blootstelling', 'laatste blootstelling', 'persoonsdagen', 'gegevenscategorieën', 'bijzondere gegevens'],
    needs: ['peildatum'],
  },
  { id: 'datalek-categorieen', labels: ['categorie', 'omschrijving', 'bijzonder', 'personen', 'gemeenten'], needs: ['peildatum'] },
  {
    id: 'datalek-ernst',
    labels: ['incident', 'titel', 'soort', 'ontdekt', 'gemeld bij ap', 'uren tot melding', 'melding (72 uur)', 'binnen 72 uur', 'gemeenten geïnformeerd',
      'uren tot gemeenten', 'betrokkenen geïnformeerd', 'uren tot betrokkenen', 'personen', 'gemeenten', 'inzagen', 'dpc', 'ei', 'cb', 'se', 'ernst'],
    needs: ['peildatum'],
  },
  {
    id: 'kennisgeving-vertraging',
    labels: ['doelgroep', 'ind-gegevens te laat geleverd', 'ind-gegevens nooit geleverd', 'onterechte kennisgeving'],
    needs: ['peildatum'],
  },
];

/** A published header as a catalogue label: "Cohort Peildatum" → "peildatum", "Totaal*" → "totaal". */
export function headerLabel(text: string): string {
  const normalized = normalizeText(text);
  return normalized.replace(/^cohort\s+(?=peildatum$)/, '');
}

function score(signature: Signature, headers: readonly string[]): number {
  const labels = headers.map(headerLabel).filter((label) => label !== '');
  if (labels.length === 0) return 0;
  const known = labels.filter((label) => signature.labels.includes(label) || signature.pattern?.test(label) === true).length;
  const fixedFound = signature.labels.filter((label) => labels.includes(label)).length;
  // Share of the published headers that are the table's, and of the table's fixed labels that were published.
  return (known / labels.length) * (fixedFound / signature.labels.length);
}

/** The catalogue table whose columns best fit the published header; refuses ties and poor fits. */
export function recogniseTable(table: ReadTable): string {
  if (table.model !== undefined) return findTable(table.model.id).id;
  const ranked = SIGNATURES.map((signature) => ({ id: signature.id, score: score(signature, table.headers) })).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  const header = table.headers.join(' | ');
  if (best === undefined || best.score < 0.5) {
    throw new TableNotRecognisedError(`de kolommen (${header}) passen bij geen tabel uit de catalogus.`, `its columns (${header}) fit no catalogue table.`);
  }
  if (second !== undefined && second.score === best.score) {
    throw new TableNotRecognisedError(`de kolommen passen even goed bij ${best.id} als bij ${second.id}.`, `its columns fit ${best.id} as well as ${second.id}.`);
  }
  return best.id;
}

export type ParameterSource = 'option' | 'provenance' | 'table' | 'default';

export interface MatchedParameters {
  request: TableRequest;
  /** Where each parameter came from, for the report. */
  sources: Record<string, ParameterSource>;
}

const DOELGROEP_WORDS: Record<string, Doelgroep> = { asielmigranten: 'asiel', gezinsmigranten: 'gezin', 'overige migranten': 'overig' };

function amountCents(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.')) * 100;
}

/** Parameters a title states: "minstens € 9.500", "meer dan € 7.500", "binnen 12 maanden", "(asielmigranten)", "op 15-9-2023". */
export function parametersFromTitle(title: string): TableRequest {
  const request: TableRequest = {};
  const text = title.replace(/\u00a0/g, ' ');
  const drempel = /minstens\s+€\s*([\d.]+(?:,\d{1,2})?)/i.exec(text);
  if (drempel !== null) request.drempel_cent = Math.round(amountCents(drempel[1] ?? '0'));
  const drempelB = /meer dan\s+€\s*([\d.]+(?:,\d{1,2})?)/i.exec(text);
  if (drempelB !== null) request.drempel_b_cent = Math.round(amountCents(drempelB[1] ?? '0'));
  const months = /binnen\s+(\d{1,4})\s+maanden/i.exec(text);
  if (months !== null) request.maanden_b = Number(months[1]);
  for (const [word, doelgroep] of Object.entries(DOELGROEP_WORDS)) if (text.toLowerCase().includes(`(${word})`)) request.doelgroep = doelgroep;
  const date = /(?:\bop|peildatum)\s+(\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2})/i.exec(text);
  if (date !== null) {
    const iso = parseDate(date[1] ?? '');
    if (iso !== null) request.peildata = [iso];
  }
  return request;
}

/** A TableModel's recorded parameters (our JSON export, provenance) as a request. */
export function requestFromParameters(parameters: Record<string, unknown>): TableRequest {
  const request: TableRequest = {};
  const text = (key: string) => (typeof parameters[key] === 'string' ? (parameters[key] as string) : undefined); // narrowed by the typeof
  const number = (key: string) => (typeof parameters[key] === 'number' ? (parameters[key] as number) : undefined);
  if (Array.isArray(parameters.peildata)) request.peildata = parameters.peildata.filter((date): date is string => typeof date === 'string');
  else if (text('peildatum') !== undefined) request.peildata = [text('peildatum') ?? ''];
  const doelgroep = DOELGROEPEN.find((value) => value === text('doelgroep'));
  if (doelgroep !== undefined) request.doelgroep = doelgroep;
  const set = <K extends keyof TableRequest>(key: K, value: TableRequest[K] | undefined) => {
    if (value !== undefined) request[key] = value;
  };
  set('drempel_cent', number('drempel_cent'));
  set('drempel_b_cent', number('drempel_b_cent'));
  set('maanden_b', number('maanden_b'));
  set('cohort_merge_from', number('cohort_merge_from'));
  set('vanaf', text('vanaf'));
  set('tot_en_met', text('tot_en_met'));
  set('incident', text('incident'));
  if (typeof parameters.enisa === 'object' && parameters.enisa !== null) set('enisa', parameters.enisa as TableRequest['enisa']); // as recorded by ernst-table
  return request;
}

/** From the table itself: elip-cohorten's dates in the first column and a merged cohort header. */
function parametersFromTable(id: string, table: ReadTable): TableRequest {
  const request: TableRequest = table.title === null ? {} : parametersFromTitle(table.title);
  if (id === 'elip-cohorten') {
    const dates = table.rows.map((row) => (row[0] === undefined ? null : cellDate(row[0]))).filter((date): date is string => date !== null);
    if (dates.length > 0) request.peildata = dates;
    const merged = table.headers.map(headerLabel).map((label) => /^'(\d{2})\/'\d{2}$/.exec(label)).find((match) => match !== null);
    if (merged != null) request.cohort_merge_from = 2000 + Number(merged[1]);
  }
  return request;
}

/**
 * The parameters to rebuild the table at: options win, then the provenance the file
 * carries, then what the table itself says; catalogue defaults fill doelgroep and
 * thresholds. A needed parameter that none gives is a MissingParameterError naming it.
 */
export function matchParameters(id: string, table: ReadTable, options: TableRequest, provenance: TableRequest | null): MatchedParameters {
  const sources: Record<string, ParameterSource> = {};
  const request: TableRequest = {};
  const layers: [ParameterSource, TableRequest][] = [
    ['table', parametersFromTable(id, table)],
    ['provenance', provenance ?? {}],
    ['option', options],
  ];
  for (const [source, layer] of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      Object.assign(request, { [key]: value });
      sources[key] = source;
    }
  }
  const signature = SIGNATURES.find((each) => each.id === id);
  const missing = (signature?.needs ?? []).filter((need) => (need === 'peildatum' ? request.peildata === undefined : request.incident === undefined));
  if (missing.length > 0) throw new MissingParameterError(missing.map((need) => `--${need}`), id);
  const defaulted = id === 'elip-cohorten' ? (['doelgroep', 'drempel_cent'] as const) : id === 'elip-gemeenten' ? (['doelgroep', 'drempel_cent', 'drempel_b_cent', 'maanden_b'] as const) : [];
  for (const key of defaulted) if (sources[key] === undefined) sources[key] = 'default';
  return { request, sources };
}
