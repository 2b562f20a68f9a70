// What a published cell says, as a reader of a Dutch table understands it: a number in
// Dutch notation ("2.396", "9.500,50", "€ 9.500", "12,5%"), a protected small count
// ("<10"), a hidden cell ("x", "."), nil ("-", "–"), a date in any of the usual spellings,
// or plain text. Spreadsheet and JSON cells bring typed values that win over their text.
import type { ColumnType } from '../tables/model';
import { excelSerialToIso } from './read/office';
import { cleanText, type ReadCell } from './read/types';

export type Published =
  | { kind: 'number'; value: number }
  | { kind: 'below'; k: number }
  | { kind: 'hidden' }
  | { kind: 'empty' }
  | { kind: 'text'; text: string };

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * A number in Dutch (decimal ',') or international (decimal '.') notation; null when the
 * text is not one. With decimal ',', "2.396" is two thousand three hundred ninety-six.
 */
export function parseNumber(text: string, decimal: ',' | '.' = ','): number | null {
  let cleaned = cleanText(text).replace(/[€%\s]/g, '').replace(/^[−–]/, '-');
  if (cleaned.endsWith('*')) cleaned = cleaned.slice(0, -1);
  if (!/^-?[\d.,]+$/.test(cleaned) || !/\d/.test(cleaned)) return null;
  const thousands = decimal === ',' ? '.' : ',';
  // Thousands separators must group by three; otherwise the text is not a clean number.
  const [whole = '', fraction, extra] = cleaned.split(decimal);
  if (extra !== undefined) return null;
  if (whole.includes(thousands) && !new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+$`).test(whole)) return null;
  const value = Number(`${whole.replaceAll(thousands, '')}${fraction === undefined ? '' : `.${fraction}`}`);
  return Number.isFinite(value) ? value : null;
}

/** A date written as 01-05-2022, 1-5-2022, 1/5/2022, 2022-05-01, or "1 mei 2022" → ISO; else null. */
export function parseDate(text: string): string | null {
  const cleaned = cleanText(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(cleaned);
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(cleaned);
  if (dutch !== null) return `${dutch[3]}-${(dutch[2] ?? '').padStart(2, '0')}-${(dutch[1] ?? '').padStart(2, '0')}`;
  const written = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(cleaned);
  if (written !== null) {
    const month = MONTHS.indexOf((written[2] ?? '').toLowerCase());
    if (month >= 0) return `${written[3]}-${String(month + 1).padStart(2, '0')}-${(written[1] ?? '').padStart(2, '0')}`;
  }
  return null;
}

/** "mei 2022", "05-2022", "2022-05" → "2022-05"; else null. */
export function parseMonth(text: string): string | null {
  const cleaned = cleanText(text).toLowerCase();
  const iso = /^(\d{4})-(\d{2})$/.exec(cleaned);
  if (iso !== null) return cleaned;
  const numeric = /^(\d{1,2})-(\d{4})$/.exec(cleaned);
  if (numeric !== null) return `${numeric[2]}-${(numeric[1] ?? '').padStart(2, '0')}`;
  const written = /^([a-z]+)\s+(\d{4})$/.exec(cleaned);
  if (written !== null) {
    const month = MONTHS.indexOf(written[1] ?? '');
    if (month >= 0) return `${written[2]}-${String(month + 1).padStart(2, '0')}`;
  }
  return null;
}

/** The markers of protected cells: "<10" (a count from 1 to 9) and "x" or "." (hidden). */
export function protectionMarker(text: string): Published | null {
  const cleaned = cleanText(text).replace(/\s+/g, '');
  const below = /^<(\d{1,4})$/.exec(cleaned);
  if (below !== null) return { kind: 'below', k: Number(below[1]) };
  if (/^(x|X|\.|\?)$/.test(cleaned)) return { kind: 'hidden' };
  return null;
}

/**
 * A published cell of a numeric column in the model's units: money in cents (published
 * in euros, whatever the notation), percentages in percent. `typedUnits` says a typed
 * value is already in model units (our JSON export).
 */
export function interpretNumeric(cell: ReadCell, type: ColumnType, decimal: ',' | '.', typedUnits = false): Published {
  if (typeof cell.value === 'number') {
    const value = typedUnits || type !== 'money_cent' ? cell.value : Math.round(cell.value * 100);
    return { kind: 'number', value };
  }
  const text = cleanText(cell.text);
  if (text === '') return { kind: 'empty' };
  const marker = protectionMarker(text);
  if (marker !== null) return marker;
  if (/^[-–—]$/.test(text)) return { kind: 'number', value: 0 }; // nil, in the convention of statistical tables
  const number = parseNumber(text, decimal);
  if (number === null) return { kind: 'text', text };
  return { kind: 'number', value: type === 'money_cent' ? Math.round(number * 100) : number };
}

/** The ISO value of a date cell, from its typed value, a spreadsheet serial, or its text. */
export function cellDate(cell: ReadCell): string | null {
  if (typeof cell.value === 'string') return parseDate(cell.value);
  if (typeof cell.value === 'number' && cell.value > 20_000 && cell.value < 80_000) return excelSerialToIso(cell.value);
  return parseDate(cell.text);
}

/** Text for comparing labels and text cells: lower case, single spaces, no marks like '*'. */
export function normalizeText(text: string): string {
  return cleanText(text).toLowerCase().replace(/\s*\/\s*/g, '/').replace(/[*†]+$/, '').replace(/[‘’`]/g, "'").trim();
}
