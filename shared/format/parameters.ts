// The parameters of a table in words, for people: the Bijlage screen, provenance lines
// and the audit view all describe parameters through here, so a report author reads
// "peildatum 1-5-2022", "minstens € 9.500 van de lening gebruikt" and "DPC 4 (aangepast)"
// instead of `peildata`, `drempel_cent: 950000` and `{"dpc":4}`. Dutch and English.
// Machine-readable copies of the parameters are not made here.
import { formatDate, MONTH_NAMES_NL } from './dates';
import { formatDecimal, formatMoneyCent } from './numbers';

export type WordsLanguage = 'nl' | 'en';
/** 'short' 1-5-2022 · 'padded' 01-05-2022 (published tables) · 'long' 1 mei 2022 / 1 May 2022. */
export type WordsDateStyle = 'short' | 'padded' | 'long';

export interface ParameterWordsOptions {
  language?: WordsLanguage;
  dateStyle?: WordsDateStyle;
  /** Parameters said elsewhere (a provenance line names its peildatum itself). */
  omit?: readonly string[];
}

export const MONTH_NAMES_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const DOELGROEP_WORDS: Record<WordsLanguage, Record<string, string>> = {
  nl: { asiel: 'asielmigranten', gezin: 'gezinsmigranten', overig: 'overige inburgeraars' },
  en: { asiel: 'asylum migrants', gezin: 'family migrants', overig: 'other inburgeraars' },
};

const ENISA_ORDER = ['dpc', 'ei', 'cb'] as const;

/** A date 'YYYY-MM-DD' in words; other text is returned unchanged. */
export function formatDateWords(iso: string, language: WordsLanguage = 'nl', style: WordsDateStyle = 'short'): string {
  if (style !== 'long') return formatDate(iso, style);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return iso;
  const [, year, month, day] = match;
  const name = (language === 'nl' ? MONTH_NAMES_NL : MONTH_NAMES_EN)[Number(month) - 1];
  return name === undefined ? iso : `${Number(day)} ${name} ${year}`;
}

/** 'a', 'a en b', 'a, b en c' (English: 'a, b and c'). */
export function listInWords(items: readonly string[], language: WordsLanguage = 'nl'): string {
  const and = language === 'nl' ? 'en' : 'and';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
}

/** Euros from cents: '€ 9.500' in Dutch, '€ 9,500' in English. */
export function formatEuros(cents: number, language: WordsLanguage = 'nl'): string {
  const dutch = formatMoneyCent(cents);
  return language === 'nl' ? dutch : dutch.replace(/[.,]/g, (mark) => (mark === '.' ? ',' : '.'));
}

/** A number with the language's decimal mark: '0,5' / '0.5'. */
function formatNumber(value: number, language: WordsLanguage): string {
  const decimals = Number.isInteger(value) ? 0 : Math.min(3, String(value).split('.')[1]?.length ?? 0);
  const dutch = formatDecimal(value, decimals);
  return language === 'nl' ? dutch : dutch.replace(/[.,]/g, (mark) => (mark === '.' ? ',' : '.'));
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Any other value, readable without JSON: lists joined, objects as 'key value'. */
function plainValue(value: unknown, language: WordsLanguage, dateStyle: WordsDateStyle): string {
  if (isDate(value)) return formatDateWords(value, language, dateStyle);
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'boolean') return language === 'nl' ? (value ? 'ja' : 'nee') : value ? 'yes' : 'no';
  if (Array.isArray(value)) return listInWords(value.map((item) => plainValue(item, language, dateStyle)), language);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, item]) => `${key.replace(/_/g, ' ')} ${plainValue(item, language, dateStyle)}`).join(', ');
  }
  return String(value);
}

type Phrase = (value: unknown, language: WordsLanguage, date: (iso: string) => string) => string | null;

const nl = (language: WordsLanguage, dutch: string, english: string) => (language === 'nl' ? dutch : english);

/** The known parameters, in the order they are said. */
const PHRASES: readonly [string, Phrase][] = [
  ['peildatum', (value, language, date) => (isDate(value) ? `${nl(language, 'peildatum', 'reference date')} ${date(value)}` : null)],
  ['peildata', (value, language, date) => {
    if (!Array.isArray(value) || !value.every(isDate) || value.length === 0) return null;
    const dates = listInWords(value.map(date), language);
    return value.length === 1 ? `${nl(language, 'peildatum', 'reference date')} ${dates}` : `${nl(language, 'peildata', 'reference dates')} ${dates}`;
  }],
  ['doelgroep', (value, language) =>
    typeof value === 'string' ? `${nl(language, 'doelgroep', 'target group')} ${DOELGROEP_WORDS[language][value] ?? value}` : null],
  ['drempel_cent', (value, language) =>
    typeof value === 'number' ? nl(language, `ELIP-A: minstens ${formatEuros(value, language)} van de lening gebruikt`, `ELIP-A: at least ${formatEuros(value, language)} of the loan used`) : null],
  ['drempel_b_cent', (value, language) =>
    typeof value === 'number' ? nl(language, `ELIP-B: meer dan ${formatEuros(value, language)} van de lening gebruikt`, `ELIP-B: more than ${formatEuros(value, language)} of the loan used`) : null],
  ['maanden_b', (value, language) =>
    typeof value === 'number' ? nl(language, `ELIP-B: termijn eindigt binnen ${value} maanden na de peildatum`, `ELIP-B: deadline ends within ${value} months of the reference date`) : null],
  ['cohort_merge_from', (value, language) =>
    typeof value === 'number' ? nl(language, `cohorten vanaf ${value} samengenomen`, `cohorts from ${value} on taken together`) : null],
  ['incident', (value) => (typeof value === 'string' ? `incident ${value}` : null)],
  ['enisa', (value, language) => {
    if (typeof value !== 'object' || value === null) return null;
    // Only the assessor's overrides are parameters, so every factor said here was adjusted.
    const factors = new Map<string, unknown>(Object.entries(value));
    const said = ENISA_ORDER.flatMap((key) => {
      const factor = factors.get(key);
      return typeof factor === 'number' ? [`${key.toUpperCase()} ${formatNumber(factor, language)} (${nl(language, 'aangepast', 'adjusted')})`] : [];
    });
    return said.length === 0 ? null : listInWords(said, language);
  }],
  ['person_level', (value, language) => (value === true ? nl(language, 'gegevens op persoonsniveau', 'person-level data') : null)],
];

/** The period of vanaf / tot_en_met as one phrase, or null when unlimited. */
function periodPhrase(values: ReadonlyMap<string, unknown>, language: WordsLanguage, date: (iso: string) => string): string | null {
  const vanaf = values.get('vanaf');
  const totEnMet = values.get('tot_en_met');
  const from = isDate(vanaf) ? date(vanaf) : null;
  const through = isDate(totEnMet) ? date(totEnMet) : null;
  if (from !== null && through !== null) return nl(language, `periode ${from} tot en met ${through}`, `period ${from} to ${through} inclusive`);
  if (from !== null) return nl(language, `vanaf ${from}`, `from ${from}`);
  if (through !== null) return nl(language, `tot en met ${through}`, `up to and including ${through}`);
  return null;
}

/**
 * One phrase per parameter that says something: known ones in words, in a fixed order
 * (missing and null ones left out), then any others as 'key: value'.
 */
export function parameterPhrases(parameters: object, options: ParameterWordsOptions = {}): string[] {
  const values = new Map<string, unknown>(Object.entries(parameters));
  const language = options.language ?? 'nl';
  const dateStyle = options.dateStyle ?? 'short';
  const omit = new Set(options.omit ?? []);
  const date = (iso: string) => formatDateWords(iso, language, dateStyle);
  const phrases: string[] = [];
  for (const [key, phrase] of PHRASES) {
    const value = values.get(key);
    if (omit.has(key) || value === undefined || value === null) continue;
    const text = phrase(value, language, date);
    if (text !== null) phrases.push(text);
  }
  if (!omit.has('vanaf') && !omit.has('tot_en_met')) {
    const period = periodPhrase(values, language, date);
    if (period !== null) phrases.push(period);
  }
  const known = new Set([...PHRASES.map(([key]) => key), 'vanaf', 'tot_en_met']);
  for (const [key, value] of values) {
    if (known.has(key) || omit.has(key) || value === undefined || value === null) continue;
    phrases.push(`${key.replace(/_/g, ' ')}: ${plainValue(value, language, dateStyle)}`);
  }
  return phrases;
}

/** The parameters as one line: phrases separated by ' · '; '' when there are none. */
export function describeParameters(parameters: object, options: ParameterWordsOptions = {}): string {
  return parameterPhrases(parameters, options).join(' · ');
}
