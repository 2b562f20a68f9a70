// Severity of a personal-data breach after ENISA (2013), "Recommendations for a methodology
// of the assessment of severity of personal data breaches": SE = DPC × EI + CB. Proposes
// each factor from the exposed data, with its reasoning in Dutch, and applies the
// assessor's overrides. The mapping and why: docs/DATALEK.md.
import { InvalidParameterError } from '../errors';
import { formatCount } from '../format';

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

/** What the proposal looks at: the categories of the exposed data and whether it was viewed. */
export interface EnisaEvidence {
  categories: readonly CategoryInfo[];
  persons: number;
  municipalities: number;
  views: number;
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

function proposeDpc(evidence: EnisaEvidence): { value: number; reasonNl: string } {
  if (evidence.categories.length === 0) {
    return {
      value: 2,
      reasonNl:
        'DPC 2: geen gegevenscategorieën bekend bij de onterechte signalen; uitgegaan van eenvoudige gegevens (1) ' +
        'plus 1 omdat een signaal over de inburgeringsplicht een migratieachtergrond en verblijfsstatus onthult.',
    };
  }
  const kinds = evidence.categories.map((category) => ({ category, kind: dataKindOf(category) }));
  const basic = Math.max(...kinds.map(({ kind }) => BASIC_SCORE[kind]));
  const listed = kinds.map(({ category, kind }) => `${category.code} (${kind})`).join(', ');
  if (basic === 1) {
    return {
      value: 2,
      reasonNl:
        `DPC 2: alleen eenvoudige gegevens (${listed}), basisscore 1, plus 1 omdat het signaal laat zien dat de persoon ` +
        'inburgeringsplichtig is onder een stelsel: dat onthult een migratieachtergrond en verblijfsstatus en maakt aannames over ' +
        'de sociale positie mogelijk (ENISA: verhoging door bijzondere kenmerken van de betrokkenen en van de verwerker).',
    };
  }
  return {
    value: basic,
    reasonNl:
      `DPC ${basic}: de zwaarste categorie bepaalt de basisscore (${listed}; eenvoudig 1, gedrag 2, financieel 3, gevoelig/bijzonder 4); ` +
      'geen verdere verhoging.',
  };
}

function proposeEi(evidence: EnisaEvidence): { value: number; reasonNl: string } {
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

function proposeCb(evidence: EnisaEvidence): { value: number; reasonNl: string } {
  const viewed =
    evidence.views > 0
      ? `de gegevens zijn daadwerkelijk ingezien (${formatCount(evidence.views)} inzagen)`
      : 'er zijn geen inzagen binnen de vensters vastgesteld, alleen blootstelling';
  return {
    value: 0.25,
    reasonNl:
      `CB 0,25: verlies van vertrouwelijkheid aan bekende ontvangers (${formatCount(evidence.municipalities)} gemeenten, zelf gebonden aan de AVG); ` +
      `geen kwade opzet, geen verlies van integriteit of beschikbaarheid; ${viewed}.`,
  };
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

function decide(key: keyof EnisaFactors, proposal: { value: number; reasonNl: string } | null, overrides: Partial<EnisaFactors>): FactorAssessment | null {
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
export function assessEnisa(evidence: EnisaEvidence | null, overrides: Partial<EnisaFactors>): EnisaAssessment | null {
  const dpc = decide('dpc', evidence === null ? null : proposeDpc(evidence), overrides);
  const ei = decide('ei', evidence === null ? null : proposeEi(evidence), overrides);
  const cb = decide('cb', evidence === null ? null : proposeCb(evidence), overrides);
  if (dpc === null || ei === null || cb === null) return null;
  const se = severity({ dpc: dpc.value, ei: ei.value, cb: cb.value });
  return { dpc, ei, cb, se, ernst: severityBand(se) };
}
