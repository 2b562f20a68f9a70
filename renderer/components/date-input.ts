// Typed dates in the interface's order, day-month-year, whatever the browser's or the
// OS's locale: '1-5-2022', '01-05-2022', '1/5/2022', '1.5.2022' and ISO '2022-05-01'
// (pasted) all mean 1 May 2022. Pure, so the DateField and its tests share it.

export type DateInputResult =
  | { ok: true; iso: string }
  | { ok: false; reason: 'empty' | 'format' | 'nonexistent' | 'range' };

const DAY_FIRST = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Whether day-month-year names a real calendar date (31-2 and 29-2 outside leap years do not). */
function exists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The years the app's data can speak of; a typo like 0222 or 20222 is refused, not read. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

export function parseDateInput(text: string): DateInputResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const iso = ISO.exec(trimmed);
  const dayFirst = DAY_FIRST.exec(trimmed);
  const parts = iso !== null ? [iso[3], iso[2], iso[1]] : dayFirst !== null ? [dayFirst[1], dayFirst[2], dayFirst[3]] : null;
  if (parts === null) return { ok: false, reason: 'format' };
  const [day, month, year] = parts.map(Number) as [number, number, number];
  if (!exists(year, month, day)) return { ok: false, reason: 'nonexistent' };
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, reason: 'range' };
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** 'YYYY-MM-DD' → 'dd-mm-jjjj' as shown in the field ('' stays ''). */
export function displayDate(iso: string): string {
  const match = ISO.exec(iso);
  return match === null ? iso : `${match[3]}-${match[2]}-${match[1]}`;
}

/** The days of a month as a calendar grid starting on Monday (null before the first). */
export function monthGrid(year: number, month: number): (number | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, index) => index + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  return weeks;
}
