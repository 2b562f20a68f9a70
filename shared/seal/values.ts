// Strict checks of the date and instant formats of snapshot-v1: 'YYYY-MM-DD' that is a
// real calendar day, and 'YYYY-MM-DDTHH:MM:SSZ' in UTC. Anything looser is refused.

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

// Checked character by character (no regular-expression match objects): sealing validates
// tens of millions of dates at national scale.
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

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** A whole number within JavaScript's safe range (money in cents, ids). */
export function parseInteger(value: string): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}
