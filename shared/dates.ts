// The one definition of dates and instants in Ketenlens (snapshot-v1.md, "Conventions"):
// a date is exactly 'YYYY-MM-DD' and a real day of the (proleptic Gregorian) calendar; an
// instant is exactly the UTC 'YYYY-MM-DDTHH:MM:SSZ' with a real date and a real time of
// day (no 24:00:00, no leap second, no fraction, no offset). Days are counted as day
// numbers (days since 1970-01-01, UTC, so no time zone or summer time can shift a date)
// and instants as whole seconds since the epoch. It also holds calendar-month addition
// with the spec's end-of-month rule, and the same rules as SQL text for set-based checks.
//
// It sits below everything that reads dates — the snapshot loader and its findings (whose
// byte-level scanner in snapshot/row-tests.ts uses daysInMonth and dayFromCivil below),
// seal, the analyses, diff, the demo generator and the renderer's date field — and
// imports nothing. Everything is arithmetic, without Date objects or regular
// expressions: seal and the analyses call it tens of millions of times at national scale.

export const SECONDS_PER_DAY = 86_400;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month 1–12 of a year (0 for a month that does not exist). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Whether year-month-day is a real calendar day (years 0000–9999, as dates are written). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day number of a calendar day (days from civil, H. Hinnant); the day must be real. */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Calendar day of a day number (civil from days, H. Hinnant). */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = Math.floor(dayNumber) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Calendar year of a day number. */
export function yearOfDay(dayNumber: number): number {
  return civilFromDay(dayNumber).year;
}

/** The number written by `count` ASCII digits of text from `from`, or -1 for any non-digit. */
function digits(text: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (!(code >= 0 && code <= 9)) return -1;
    number = number * 10 + code;
  }
  return number;
}

/** Day number of the date written at text[from…from+10), or NaN when it is not a valid date. */
function dayAt(text: string, from: number): number {
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return Number.NaN; // '-'
  const year = digits(text, from, 4);
  const month = digits(text, from + 5, 2);
  const day = digits(text, from + 8, 2);
  return isCalendarDay(year, month, day) ? dayFromCivil(year, month, day) : Number.NaN;
}

/** Whether text is a valid date 'YYYY-MM-DD' (so '2023-02-29', '2022-1-5' and '2022-13-01' are not). */
export function isValidDate(text: string): boolean {
  return text.length === 10 && !Number.isNaN(dayAt(text, 0));
}

/** Day number of a valid date, or NaN (so every comparison with it is false, like SQL NULL). */
export function dayNumber(text: string | null | undefined): number {
  if (text === null || text === undefined || text.length !== 10) return Number.NaN;
  return dayAt(text, 0);
}

/** Seconds since the epoch of a valid instant, or NaN. */
function secondsAt(text: string): number {
  if (text.length !== 20 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) {
    return Number.NaN; // 'T', ':', ':', 'Z'
  }
  const day = dayAt(text, 0);
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  if (!(hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60)) return Number.NaN;
  return day * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds;
}

/** Whether text is a valid UTC instant 'YYYY-MM-DDTHH:MM:SSZ'. */
export function isValidInstant(text: string): boolean {
  return !Number.isNaN(secondsAt(text));
}

/** Seconds since the epoch of a valid instant, or null when it is not one. */
export function secondsOfInstant(instant: string | null): number | null {
  if (instant === null) return null;
  const seconds = secondsAt(instant);
  return Number.isNaN(seconds) ? null : seconds;
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));
const fourDigits = (value: number): string => String(value).padStart(4, '0');

/** 'YYYY-MM-DD' of a calendar day. */
function dateText(year: number, month: number, day: number): string {
  return `${fourDigits(year)}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return dateText(year, month, day);
}

/**
 * 'YYYY-MM-DDTHH:MM:SSZ' of whole seconds since the epoch. `formatDay` may be a memoised
 * dateOfDay (the demo generator formats millions of instants over a few thousand days).
 */
export function instantOfSeconds(seconds: number, formatDay: (dayNumber: number) => string = dateOfDay): string {
  const whole = Math.floor(seconds);
  const day = Math.floor(whole / SECONDS_PER_DAY);
  const second = whole - day * SECONDS_PER_DAY;
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  return `${formatDay(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(second % 60)}Z`;
}

/** The instant (to the whole second, fraction dropped) of a JavaScript Date, e.g. now. */
export function instantOfDate(date: Date): string {
  return instantOfSeconds(Math.floor(date.getTime() / 1000));
}

/** The end of a valid date: the next day at 00:00:00Z, in seconds (the spec's "end of P"). */
export function endOfDate(date: string): number {
  return (dayNumber(date) + 1) * SECONDS_PER_DAY;
}

/** The day after a valid date. */
export function nextDate(date: string): string {
  return dateOfDay(dayNumber(date) + 1);
}

/**
 * The same day of the month `months` calendar months later (or earlier, when negative);
 * a day that does not exist in the target month becomes its last day, so 31 January plus
 * 1 month is 28 (29) February and 29 February plus 12 months is 28 February, as
 * snapshot-v1.md prescribes for "P plus 12 calendar months". The date must be valid.
 */
export function addCalendarMonths(date: string, months: number): string {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dateText(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The same day a year later; 29 February becomes 28 February. */
export function sameDayNextYear(date: string): string {
  return addCalendarMonths(date, 12);
}

/**
 * SQL condition: `expression` is a valid date. date() always answers in the canonical
 * form YYYY-MM-DD, normalises 2023-02-30 to 2023-03-02 and rejects month 13, so a value
 * equals its own date() exactly when it is a real date written strictly. (No GLOB: it
 * would add nothing and costs a third of the check at national scale.)
 */
export function sqlIsValidDate(expression: string): string {
  return `(date(${expression}) IS ${expression})`;
}

/**
 * SQL condition: `expression` is a valid UTC instant `YYYY-MM-DDTHH:MM:SSZ`. The GLOB fixes
 * the shape (with a case-sensitive T and Z); date() is NULL for hour 25, minute 60, second
 * 60 or non-digits, and rolls 24:00:00 or 30 February over to another day, so comparing
 * it with the date part catches those. Half the cost of a strftime() round trip.
 */
export function sqlIsValidInstant(expression: string): string {
  return (
    `(${expression} IS NOT NULL AND ${expression} GLOB '????-??-??T??:??:??Z' ` +
    `AND date(${expression}) IS substr(${expression}, 1, 10))`
  );
}
