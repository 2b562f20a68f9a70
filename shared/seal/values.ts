// Value checks for `seal`: whole numbers here; dates and instants are the snapshot's own
// rule (shared/snapshot/validity.ts), so a sealed file never fails the reader's checks.

export { isValidDate, isValidInstant } from '../snapshot/validity';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** A whole number within JavaScript's safe range (money in cents, ids). */
export function parseInteger(value: string): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}
