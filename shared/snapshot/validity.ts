// What counts as a valid date or instant in a snapshot, once in TypeScript (for meta
// values) and once as SQL text (for set-based checks over millions of rows). Both are
// strict: exactly YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, and a real calendar day and time.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A strict, real calendar date `YYYY-MM-DD` (so 2023-02-29 and 2023-13-01 are not). */
export function isValidDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
