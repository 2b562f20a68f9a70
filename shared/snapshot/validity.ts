// What counts as a valid date or instant in a snapshot, once in TypeScript (for meta
// values) and once as SQL text (for set-based checks over millions of rows). Both are
// strict: exactly YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, and a real calendar day and time.

function digits(value: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i++) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    number = number * 10 + code;
  }
  return number;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

// Checked character by character (no regular-expression match objects): `seal` validates
// tens of millions of dates at national scale. Strict: 2023-02-29 and 2023-13-01 are not dates.
export function isValidDate(value: string): boolean {
  return (
    value.length === 10 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    isCalendarDay(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2))
  );
}

export function isValidInstant(value: string): boolean {
  if (value.length !== 20 || value.charCodeAt(10) !== 84 || value.charCodeAt(19) !== 90) return false;
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || !isValidDate(value.slice(0, 10))) return false;
  const hours = digits(value, 11, 2);
  const minutes = digits(value, 14, 2);
  const seconds = digits(value, 17, 2);
  return hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60;
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
