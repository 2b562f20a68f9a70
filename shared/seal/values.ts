// Strict checks of the date and instant formats of snapshot-v1: 'YYYY-MM-DD' that is a
// real calendar day, and 'YYYY-MM-DDTHH:MM:SSZ' in UTC. Anything looser is refused.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isValidInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (match === null) return false;
  return (
    isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) < 24 &&
    Number(match[5]) < 60 &&
    Number(match[6]) < 60
  );
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** A whole number within JavaScript's safe range (money in cents, ids). */
export function parseInteger(value: string): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}
