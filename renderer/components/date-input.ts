// Typed dates in the interface's order, day-month-year, whatever the browser's or the
// OS's locale: '1-5-2022', '01-05-2022', '1/5/2022', '1.5.2022' and ISO '2022-05-01'
// (pasted) all mean 1 May 2022. Pure, so the DateField and its tests share it; what a real
// day is comes from shared/dates.ts, the rule the snapshot and the analyses use.
import { dayFromCivil, daysInMonth, isCalendarDay } from '../../shared/dates';

export type DateInputResult =
  | { ok: true; iso: string }
  | { ok: false; reason: 'empty' | 'format' | 'nonexistent' | 'range' };

const DAY_FIRST = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

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
  if (!isCalendarDay(year, month, day)) return { ok: false, reason: 'nonexistent' };
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
  // Day number 0 (1970-01-01) was a Thursday, the fourth day of a week that starts on Monday.
  const lead = (((dayFromCivil(year, month, 1) + 3) % 7) + 7) % 7;
  const days = daysInMonth(year, month);
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, index) => index + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  return weeks;
}
