// A breach assessor's saved assessment: the ENISA factors they fixed, the circumstances
// of the breach, their reasoning, name and date, per incident and snapshot (by SHA-256).
// It holds no personal data of data subjects: only factors, free text of the assessor and
// the result. This module owns the record's shape, its checks and the assessor's input
// file of `ketenlens table datalek-ernst --beoordeling FILE` (format in docs/DATALEK.md).
import { InvalidParameterError } from '../../errors';
import {
  enisaCircumstances, enisaOverrides, type EnisaAssessment, type EnisaCircumstances, type EnisaFactors, type SeverityBand,
} from './enisa';

export const ASSESSMENT_FORMAT = 'ketenlens-beoordeling/1';
const MAX_TEXT = 20_000;
const MAX_NAME = 200;
const SHA256 = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A 9-digit number could be a BSN: an assessment must never carry one (it is kept in plain text).
const BSN_SHAPED = /(^|[^0-9A-Za-z])\d{9}($|[^0-9A-Za-z])/;
const BANDS: readonly SeverityBand[] = ['laag', 'gemiddeld', 'hoog', 'zeer hoog'];

/** What the assessor decides (app form, or the CLI's --dpc/--ei/--cb and FILE). */
export interface AssessmentInput {
  incident: string;
  /** The factors the assessor fixed; absent ones follow the proposal. */
  factors: Partial<EnisaFactors>;
  circumstances: EnisaCircumstances;
  reasoning: string;
  assessor: string;
}

/** The record kept in the data folder. */
export interface SavedAssessment extends AssessmentInput {
  format: typeof ASSESSMENT_FORMAT;
  snapshotSha256: string;
  peildatum: string;
  /** When it was saved (UTC instant), set by whoever stores it. */
  savedAt: string;
  /** The severity it came to, so the history reads without recomputing. */
  result: { dpc: number; ei: number; cb: number; se: number; ernst: SeverityBand };
  /** 'app' or 'cli'. */
  via: 'app' | 'cli';
}

function refuse(field: string, nl: string, en: string): never {
  throw new InvalidParameterError(`beoordeling.${field}`, nl, en);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(field: string, value: unknown, max: number, required: boolean): string {
  if (value === undefined || value === null) {
    if (required) refuse(field, 'ontbreekt.', 'is missing.');
    return '';
  }
  if (typeof value !== 'string') return refuse(field, 'moet tekst zijn.', 'must be text.');
  const trimmed = value.trim();
  if (required && trimmed === '') refuse(field, 'is leeg.', 'is empty.');
  if (trimmed.length > max) refuse(field, `is langer dan ${max} tekens.`, `is longer than ${max} characters.`);
  if (BSN_SHAPED.test(trimmed)) {
    refuse(field, 'bevat een getal van 9 cijfers (mogelijk een BSN); een beoordeling bevat geen persoonsgegevens van betrokkenen.',
      'holds a 9-digit number (possibly a BSN); an assessment holds no personal data of data subjects.');
  }
  return trimmed;
}

function factorsOf(value: unknown): Partial<EnisaFactors> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return refuse('factoren', 'moet een object zijn met dpc, ei en/of cb.', 'must be an object with dpc, ei and/or cb.');
  const unknownKeys = Object.keys(value).filter((key) => !['dpc', 'ei', 'cb'].includes(key));
  if (unknownKeys.length > 0) refuse('factoren', `onbekend: ${unknownKeys.join(', ')}.`, `unknown: ${unknownKeys.join(', ')}.`);
  const given: Partial<EnisaFactors> = {};
  for (const key of ['dpc', 'ei', 'cb'] as const) {
    const factor = value[key];
    if (factor === undefined || factor === null) continue;
    if (typeof factor !== 'number') refuse(`factoren.${key}`, 'moet een getal zijn.', 'must be a number.');
    given[key] = factor;
  }
  return enisaOverrides(given);
}

function circumstancesOf(value: unknown): EnisaCircumstances {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return refuse('omstandigheden', 'moet een object zijn.', 'must be an object.');
  const unknownKeys = Object.keys(value).filter((key) => !['confidentiality', 'integrity', 'availability', 'maliciousIntent'].includes(key));
  if (unknownKeys.length > 0) refuse('omstandigheden', `onbekend: ${unknownKeys.join(', ')}.`, `unknown: ${unknownKeys.join(', ')}.`);
  return enisaCircumstances(value);
}

/**
 * The assessor's input file for the command line (JSON):
 * `{ "beoordelaar": "…", "toelichting": "…", "incident"?: "…", "factoren"?: {dpc, ei, cb},
 *    "omstandigheden"?: {confidentiality, integrity, availability, maliciousIntent} }`.
 */
export interface AssessmentFile {
  assessor: string;
  reasoning: string;
  incident: string | null;
  factors: Partial<EnisaFactors>;
  circumstances: EnisaCircumstances;
}

export function parseAssessmentFile(source: string, name: string): AssessmentFile {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new InvalidParameterError('--beoordeling', `${name} is geen geldige JSON (${error instanceof Error ? error.message : String(error)}).`,
      `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isRecord(value)) return refuse('bestand', `${name} moet een JSON-object zijn.`, `${name} must be a JSON object.`);
  const known = ['beoordelaar', 'toelichting', 'incident', 'factoren', 'omstandigheden'];
  const unknownKeys = Object.keys(value).filter((key) => !known.includes(key));
  if (unknownKeys.length > 0) {
    refuse('bestand', `onbekende velden in ${name}: ${unknownKeys.join(', ')} (bekend: ${known.join(', ')}).`,
      `unknown fields in ${name}: ${unknownKeys.join(', ')} (known: ${known.join(', ')}).`);
  }
  const incident = value.incident === undefined ? null : text('incident', value.incident, MAX_NAME, true);
  return {
    assessor: text('beoordelaar', value.beoordelaar, MAX_NAME, true),
    reasoning: text('toelichting', value.toelichting, MAX_TEXT, false),
    incident,
    factors: factorsOf(value.factoren),
    circumstances: circumstancesOf(value.omstandigheden),
  };
}

export type AssessmentResult = SavedAssessment['result'];

/** The severity an assessment came to, as a record keeps it. */
export function resultOf(assessment: EnisaAssessment): AssessmentResult {
  return { dpc: assessment.dpc.value, ei: assessment.ei.value, cb: assessment.cb.value, se: assessment.se, ernst: assessment.ernst };
}

/**
 * The result from a datalek-ernst row (dpc, ei, cb, se, ernst); null when the row has no
 * severity (an incident that is not a data breach, without all three factors).
 */
export function resultOfRow(row: Record<string, unknown>): AssessmentResult | null {
  const { dpc, ei, cb, se, ernst } = row;
  const band = BANDS.find((each) => each === ernst);
  if (typeof dpc !== 'number' || typeof ei !== 'number' || typeof cb !== 'number' || typeof se !== 'number' || band === undefined) return null;
  return { dpc, ei, cb, se, ernst: band };
}

/** The record to store from an input and the result it gave; savedAt is the storer's clock. */
export function assessmentRecord(
  input: AssessmentInput,
  result: AssessmentResult,
  context: { snapshotSha256: string; peildatum: string; savedAt: string; via: 'app' | 'cli' },
): SavedAssessment {
  return checkSavedAssessment({
    format: ASSESSMENT_FORMAT,
    incident: input.incident,
    factors: input.factors,
    circumstances: input.circumstances,
    reasoning: input.reasoning,
    assessor: input.assessor,
    snapshotSha256: context.snapshotSha256,
    peildatum: context.peildatum,
    savedAt: context.savedAt,
    via: context.via,
    result,
  });
}

function finite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(field, 'moet een getal zijn.', 'must be a number.');
  return value;
}

/** Checks a record read from disk or received over IPC; throws InvalidParameterError otherwise. */
export function checkSavedAssessment(value: unknown): SavedAssessment {
  if (!isRecord(value)) return refuse('record', 'geen object.', 'not an object.');
  if (value.format !== ASSESSMENT_FORMAT) refuse('format', `verwacht ${ASSESSMENT_FORMAT}.`, `expected ${ASSESSMENT_FORMAT}.`);
  const sha = value.snapshotSha256;
  if (typeof sha !== 'string' || !SHA256.test(sha)) refuse('snapshotSha256', 'geen SHA-256 (64 hexadecimale tekens).', 'not a SHA-256 (64 hex characters).');
  const savedAt = value.savedAt;
  if (typeof savedAt !== 'string' || !INSTANT.test(savedAt)) refuse('savedAt', 'geen UTC-tijdstip.', 'not a UTC instant.');
  const peildatum = value.peildatum;
  if (typeof peildatum !== 'string' || !DATE.test(peildatum)) refuse('peildatum', 'geen datum JJJJ-MM-DD.', 'not a date YYYY-MM-DD.');
  const via = value.via === 'cli' ? 'cli' : value.via === 'app' ? 'app' : refuse('via', "moet 'app' of 'cli' zijn.", "must be 'app' or 'cli'.");
  const result = value.result;
  if (!isRecord(result)) return refuse('result', 'ontbreekt.', 'is missing.');
  const ernst = BANDS.find((band) => band === result.ernst) ?? refuse('result.ernst', 'onbekende ernst.', 'unknown severity band.');
  return {
    format: ASSESSMENT_FORMAT,
    incident: text('incident', value.incident, MAX_NAME, true),
    factors: factorsOf(value.factors),
    circumstances: circumstancesOf(value.circumstances),
    reasoning: text('toelichting', value.reasoning, MAX_TEXT, false),
    assessor: text('beoordelaar', value.assessor, MAX_NAME, true),
    snapshotSha256: sha,
    peildatum,
    savedAt,
    via,
    result: {
      dpc: finite('result.dpc', result.dpc), ei: finite('result.ei', result.ei), cb: finite('result.cb', result.cb),
      se: finite('result.se', result.se), ernst,
    },
  };
}

/** Per incident, the latest saved assessment (records in the order saved). */
export function latestPerIncident(records: readonly SavedAssessment[]): Map<string, SavedAssessment> {
  const latest = new Map<string, SavedAssessment>();
  for (const record of records) latest.set(record.incident, record);
  return latest;
}
