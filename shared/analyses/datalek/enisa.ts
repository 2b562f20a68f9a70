// Severity of a personal-data breach after ENISA (2013), "Recommendations for a methodology
// of the assessment of severity of personal data breaches": SE = DPC × EI + CB. Proposes
// each factor from the exposed data — DPC from the data kinds, adjusted for context and
// scale; EI from identifying categories; CB from the circumstances (confidentiality from
// the views, integrity, availability and malicious intent from the assessor) — with its
// reasoning in Dutch, and applies the assessor's overrides. Mapping and why: docs/DATALEK.md.
import { InvalidParameterError } from '../../errors';
import { formatCount } from '../../format';

export interface EnisaFactors {
  dpc: number;
  ei: number;
  cb: number;
}

export interface CategoryInfo {
  code: string;
  omschrijving: string;
  bijzonder: boolean;
}

/** What the proposal looks at: the categories of the exposed data, its scale and whether it was viewed. */
export interface EnisaEvidence {
  categories: readonly CategoryInfo[];
  /** Distinct persons exposed, and of them those with at least one counted view. */
  persons: number;
  personsViewed: number;
  municipalities: number;
  views: number;
  /** Distinct municipal users over the counted views: the known recipients. */
  users: number;
}

export interface FactorAssessment {
  value: number;
  proposed: number | null;
  overridden: boolean;
  /** Why the proposed value (and, when overridden, that the assessor chose another). */
  reasonNl: string;
}

export interface EnisaAssessment {
  dpc: FactorAssessment;
  ei: FactorAssessment;
  cb: FactorAssessment;
  se: number;
  ernst: SeverityBand;
}

export type SeverityBand = 'laag' | 'gemiddeld' | 'hoog' | 'zeer hoog';

/** ENISA's basic DPC scores. */
export type DataKind = 'eenvoudig' | 'gedrag' | 'financieel' | 'gevoelig';
const BASIC_SCORE: Record<DataKind, number> = { eenvoudig: 1, gedrag: 2, financieel: 3, gevoelig: 4 };

// Words in a category's code or description that place it in ENISA's classes. Checked from
// the most severe class down; `bijzonder` (GDPR art. 9/10) always means sensitive.
const SENSITIVE_WORDS = ['gezondheid', 'medisch', 'strafrecht', 'strafbla', 'justiti', 'etnisch', 'ras', 'religi', 'geloof', 'politiek', 'seksu', 'biometr', 'genetisch', 'vakbond'];
const FINANCIAL_WORDS = ['lening', 'betaling', 'financ', 'inkomen', 'boete', 'schuld', 'bank', 'iban', 'uitkering', 'bedrag', 'incasso', 'dwangbevel'];
const BEHAVIOURAL_WORDS = ['locatie', 'verblijf', 'opvang', 'azc', 'gedrag', 'gewoonte', 'voorkeur', 'aanwezig', 'reis'];
const IDENTIFYING_WORDS = ['naam', 'naw', 'adres', 'telefoon', 'e-mail', 'bsn', 'burgerservice', 'a-nummer', 'anummer', 'v-nummer', 'vnummer'];

const words = (category: CategoryInfo): string => `${category.code} ${category.omschrijving}`.toLowerCase();
const mentions = (category: CategoryInfo, list: readonly string[]): boolean => {
  const text = words(category);
  return list.some((word) => (word === 'ras' ? /\bras\b/.test(text) : text.includes(word)));
};

/** ENISA's class of one data category. */
export function dataKindOf(category: CategoryInfo): DataKind {
  if (category.bijzonder || mentions(category, SENSITIVE_WORDS)) return 'gevoelig';
  if (mentions(category, FINANCIAL_WORDS)) return 'financieel';
  if (mentions(category, BEHAVIOURAL_WORDS)) return 'gedrag';
  return 'eenvoudig';
}

export function isDirectIdentifier(category: CategoryInfo): boolean {
  return mentions(category, IDENTIFYING_WORDS);
}

export function severity(factors: EnisaFactors): number {
  // Two decimals at most by construction (quarters times quarters); round off float noise.
  return Math.round((factors.dpc * factors.ei + factors.cb) * 10_000) / 10_000;
}

export function severityBand(se: number): SeverityBand {
  if (se < 2) return 'laag';
  if (se < 3) return 'gemiddeld';
  if (se < 4) return 'hoog';
  return 'zeer hoog';
}

const formatFactor = (value: number): string => String(value).replace('.', ',');
const percent = (share: number): string => `${String(Math.round(share * 1000) / 10).replace('.', ',')} %`;

/**
 * Scale: from this many exposed persons on, ENISA's contextual "volume" raises DPC by 1,
 * provided at least VIEWED_SHARE of them were actually viewed. Both are Ketenlens'
 * choices (ENISA names the factor but no number); docs/DATALEK.md says why.
 */
export const VOLUME_PERSONS = 1000;
export const VIEWED_SHARE = 0.1;
const MAX_DPC = 4;

interface Proposal {
  value: number;
  reasonNl: string;
}

function basicDpc(evidence: EnisaEvidence): { basic: number; text: string } {
  if (evidence.categories.length === 0) {
    return { basic: 1, text: 'geen gegevenscategorieën bekend bij de onterechte signalen; uitgegaan van eenvoudige gegevens, basisscore 1' };
  }
  const kinds = evidence.categories.map((category) => ({ category, kind: dataKindOf(category) }));
  const basic = Math.max(...kinds.map(({ kind }) => BASIC_SCORE[kind]));
  const listed = kinds.map(({ category, kind }) => `${category.code} (${kind})`).join(', ');
  return { basic, text: `de zwaarste categorie bepaalt de basisscore ${basic} (${listed}; eenvoudig 1, gedrag 2, financieel 3, gevoelig/bijzonder 4)` };
}

/** ENISA's contextual "volume" factor, read as the number of persons and the share of them actually viewed. */
function volumeAdjustment(evidence: EnisaEvidence): { raise: number; text: string } {
  const share = evidence.persons === 0 ? 0 : evidence.personsViewed / evidence.persons;
  const counted = `${formatCount(evidence.persons)} personen blootgesteld, ${formatCount(evidence.personsViewed)} daarvan ingezien (${percent(share)})`;
  if (evidence.persons < VOLUME_PERSONS) {
    return { raise: 0, text: `geen verhoging voor omvang: ${counted}, minder dan ${formatCount(VOLUME_PERSONS)} personen` };
  }
  if (share < VIEWED_SHARE) {
    return {
      raise: 0,
      text: `geen verhoging voor omvang: ${counted}; minder dan ${percent(VIEWED_SHARE)} is daadwerkelijk ingezien, dus het grote aantal bereikte de ontvangers grotendeels niet`,
    };
  }
  return { raise: 1, text: `+1 voor omvang: ${counted}, minstens ${formatCount(VOLUME_PERSONS)} personen van wie minstens ${percent(VIEWED_SHARE)} is ingezien` };
}

function proposeDpc(evidence: EnisaEvidence): Proposal {
  const { basic, text } = basicDpc(evidence);
  const parts = [text];
  let value = basic;
  if (basic === 1) {
    value += 1;
    parts.push(
      '+1 omdat het signaal laat zien dat de persoon inburgeringsplichtig is onder een stelsel: dat onthult een migratieachtergrond en ' +
        'verblijfsstatus en maakt aannames over de sociale positie mogelijk (ENISA: bijzondere kenmerken van de betrokkenen en de verwerker)',
    );
  }
  const volume = volumeAdjustment(evidence);
  value += volume.raise;
  parts.push(volume.text);
  if (value > MAX_DPC) {
    parts.push(`begrensd op ${MAX_DPC}, het maximum van de methode`);
    value = MAX_DPC;
  }
  return { value, reasonNl: `DPC ${value}: ${parts.join('; ')}.` };
}

function proposeEi(evidence: EnisaEvidence): Proposal {
  const identifying = evidence.categories.filter(isDirectIdentifier).map((category) => category.code);
  if (identifying.length > 0) {
    return {
      value: 1,
      reasonNl: `EI 1 (maximaal): de gemeente zag de dossiers met directe identificerende gegevens (${identifying.join(', ')}).`,
    };
  }
  return {
    value: 0.75,
    reasonNl:
      'EI 0,75 (aanzienlijk): geen directe identificerende categorie bij de signalen, maar de gemeente ziet het dossier van een ' +
      'persoon en kan het met de eigen basisregistratie koppelen.',
  };
}

/** ENISA's circumstances of the breach; confidentiality is proposed from the views, the rest is the assessor's. */
export type Confidentiality = 'exposed' | 'known-recipients' | 'unknown-recipients';
export type IntegrityLoss = 'none' | 'recoverable' | 'irrecoverable';
export type AvailabilityLoss = 'none' | 'temporary' | 'permanent';

export interface EnisaCircumstances {
  confidentiality?: Confidentiality;
  integrity?: IntegrityLoss;
  availability?: AvailabilityLoss;
  maliciousIntent?: boolean;
}

export const CONFIDENTIALITY_VALUES = ['exposed', 'known-recipients', 'unknown-recipients'] as const satisfies readonly Confidentiality[];
export const INTEGRITY_VALUES = ['none', 'recoverable', 'irrecoverable'] as const satisfies readonly IntegrityLoss[];
export const AVAILABILITY_VALUES = ['none', 'temporary', 'permanent'] as const satisfies readonly AvailabilityLoss[];

const CONFIDENTIALITY_SCORE: Record<Confidentiality, number> = { exposed: 0, 'known-recipients': 0.25, 'unknown-recipients': 0.5 };
const LOSS_SCORE: Record<IntegrityLoss | AvailabilityLoss, number> = { none: 0, recoverable: 0.25, irrecoverable: 0.5, temporary: 0.25, permanent: 0.5 };
const MALICIOUS_SCORE = 0.5;

const INTEGRITY_TEXT: Record<IntegrityLoss, string> = {
  none: 'geen verlies van integriteit',
  recoverable: 'integriteit aangetast, herstelbaar (+0,25)',
  irrecoverable: 'integriteit aangetast, niet herstelbaar (+0,5)',
};
const AVAILABILITY_TEXT: Record<AvailabilityLoss, string> = {
  none: 'geen verlies van beschikbaarheid',
  temporary: 'tijdelijk niet beschikbaar (+0,25)',
  permanent: 'blijvend niet beschikbaar (+0,5)',
};

function confidentialityText(confidentiality: Confidentiality, evidence: EnisaEvidence, chosen: boolean): string {
  const by = chosen ? ' (door de beoordelaar gekozen)' : '';
  const seen = `${formatCount(evidence.views)} inzagen door ${formatCount(evidence.users)} gebruikers bij ${formatCount(evidence.municipalities)} gemeenten`;
  switch (confidentiality) {
    case 'exposed':
      return `blootgesteld zonder bewijs van inzage (+0)${by}: ${evidence.views === 0 ? 'geen inzagen binnen de vensters' : seen}`;
    case 'known-recipients':
      return `ingezien door een bekend aantal ontvangers (+0,25)${by}: ${seen}, gemeenten zelf gebonden aan de AVG`;
    case 'unknown-recipients':
      return `ontvangers onbekend in aantal (+0,5)${by}; in de snapshot: ${seen}`;
  }
}

function proposeCb(evidence: EnisaEvidence, circumstances: EnisaCircumstances): Proposal {
  const proposedConfidentiality: Confidentiality = evidence.views > 0 ? 'known-recipients' : 'exposed';
  const confidentiality = circumstances.confidentiality ?? proposedConfidentiality;
  const integrity = circumstances.integrity ?? 'none';
  const availability = circumstances.availability ?? 'none';
  const malicious = circumstances.maliciousIntent ?? false;
  const value =
    CONFIDENTIALITY_SCORE[confidentiality] + LOSS_SCORE[integrity] + LOSS_SCORE[availability] + (malicious ? MALICIOUS_SCORE : 0);
  const parts = [
    `vertrouwelijkheid: ${confidentialityText(confidentiality, evidence, circumstances.confidentiality !== undefined && circumstances.confidentiality !== proposedConfidentiality)}`,
    INTEGRITY_TEXT[integrity],
    AVAILABILITY_TEXT[availability],
    malicious ? 'kwade opzet (+0,5)' : 'geen kwade opzet',
  ];
  return { value, reasonNl: `CB ${formatFactor(value)}: ${parts.join('; ')}.` };
}

/** Validate the assessor's overrides; absent factors stay undefined. */
export function enisaOverrides(given: Partial<EnisaFactors> | undefined): Partial<EnisaFactors> {
  if (given === undefined) return {};
  const ranges: Record<keyof EnisaFactors, [number, number]> = { dpc: [1, 4], ei: [0.25, 1], cb: [0, 2] };
  const result: Partial<EnisaFactors> = {};
  for (const key of ['dpc', 'ei', 'cb'] as const) {
    const value: unknown = given[key];
    if (value === undefined) continue;
    const [min, max] = ranges[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new InvalidParameterError(
        `enisa.${key}`,
        `'${String(value)}' ligt niet tussen ${formatFactor(min)} en ${formatFactor(max)}.`,
        `'${String(value)}' is not between ${min} and ${max}.`,
      );
    }
    result[key] = value;
  }
  return result;
}

function decide(key: keyof EnisaFactors, proposal: Proposal | null, overrides: Partial<EnisaFactors>): FactorAssessment | null {
  const override = overrides[key];
  if (override !== undefined) {
    const before = proposal === null ? 'geen voorstel' : `voorstel ${formatFactor(proposal.value)}: ${proposal.reasonNl}`;
    return {
      value: override,
      proposed: proposal?.value ?? null,
      overridden: true,
      reasonNl: `${key.toUpperCase()} ${formatFactor(override)} door de beoordelaar vastgesteld (${before})`,
    };
  }
  return proposal === null ? null : { value: proposal.value, proposed: proposal.value, overridden: false, reasonNl: proposal.reasonNl };
}

/**
 * The assessment: proposals from the evidence (null when there is none, e.g. an incident
 * that is not a data breach), overridden factor by factor. Null when a factor is missing.
 */
export function assessEnisa(
  evidence: EnisaEvidence | null,
  overrides: Partial<EnisaFactors>,
  circumstances: EnisaCircumstances = {},
): EnisaAssessment | null {
  const dpc = decide('dpc', evidence === null ? null : proposeDpc(evidence), overrides);
  const ei = decide('ei', evidence === null ? null : proposeEi(evidence), overrides);
  const cb = decide('cb', evidence === null ? null : proposeCb(evidence, circumstances), overrides);
  if (dpc === null || ei === null || cb === null) return null;
  const se = severity({ dpc: dpc.value, ei: ei.value, cb: cb.value });
  return { dpc, ei, cb, se, ernst: severityBand(se) };
}

function pick<T extends string>(key: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((each) => each === value);
  if (found === undefined) {
    throw new InvalidParameterError(
      `enisa.${key}`,
      `'${String(value)}' is geen geldige waarde; kies ${allowed.join(', ')}.`,
      `'${String(value)}' is not a valid value; choose ${allowed.join(', ')}.`,
    );
  }
  return found;
}

/** Validate the assessor's circumstances of the breach; absent ones take the proposal or 'none'. */
export function enisaCircumstances(given: { [K in keyof EnisaCircumstances]?: unknown } | undefined): EnisaCircumstances {
  if (given === undefined) return {};
  const result: EnisaCircumstances = {};
  const confidentiality = pick('confidentiality', given.confidentiality, CONFIDENTIALITY_VALUES);
  const integrity = pick('integrity', given.integrity, INTEGRITY_VALUES);
  const availability = pick('availability', given.availability, AVAILABILITY_VALUES);
  if (confidentiality !== undefined) result.confidentiality = confidentiality;
  if (integrity !== undefined) result.integrity = integrity;
  if (availability !== undefined) result.availability = availability;
  const malicious: unknown = given.maliciousIntent;
  if (malicious !== undefined) {
    if (typeof malicious !== 'boolean') {
      throw new InvalidParameterError('enisa.maliciousIntent', `'${String(malicious)}' is geen ja/nee.`, `'${String(malicious)}' is not true/false.`);
    }
    result.maliciousIntent = malicious;
  }
  return result;
}
