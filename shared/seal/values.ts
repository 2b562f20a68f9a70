// Value checks for `seal` beyond dates and instants (those are shared/dates.ts, the
// snapshot's own rule, so a sealed file never fails the reader's checks): whole numbers.

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** A whole number within JavaScript's safe range (money in cents, ids). */
export function parseInteger(value: string): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}
