// Calendar arithmetic of the analyses on whole days: 'YYYY-MM-DD' ↔ day numbers (days since
// 1970-01-01, UTC, so no time zone or summer time can shift a date), and "the same day a
// year later" with 29 February becoming 28 February as snapshot-v1.md prescribes.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether text is a real calendar date 'YYYY-MM-DD' (so '2022-02-30' is not). */
export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Day number of a valid date, or NaN (so every comparison with it is false, like SQL NULL). */
export function dayNumber(text: string | null | undefined): number {
  if (text === null || text === undefined || !isValidDate(text)) return Number.NaN;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day a year later; 29 February becomes 28 February. */
export function sameDayNextYear(date: string): string {
  const [year, month, day] = date.split('-') as [string, string, string];
  const next = String(Number(year) + 1).padStart(4, '0');
  return month === '02' && day === '29' ? `${next}-02-28` : `${next}-${month}-${day}`;
}

/**
 * The same day N calendar months later, clamped to the end of a shorter month
 * (31 January + 1 month = 28/29 February). For N = 12 this is sameDayNextYear.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth + 1, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** Calendar year of a day number (arithmetic, no Date object: it runs once per person). */
export function yearOfDay(day: number): number {
  // Civil-from-days (H. Hinnant), year part only.
  const z = Math.floor(day) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0);
}
