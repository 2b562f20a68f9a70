// Calendar arithmetic on ISO dates ('YYYY-MM-DD') and instants ('YYYY-MM-DDTHH:MM:SSZ') as
// whole UTC day numbers, which keeps the generators fast and free of time-zone surprises.

const MILLISECONDS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / MILLISECONDS_PER_DAY);
}

export function isoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant `secondOfDay` seconds into the given day. */
export function isoInstant(day: number, secondOfDay: number): string {
  return `${new Date(day * MILLISECONDS_PER_DAY + secondOfDay * 1000).toISOString().slice(0, 19)}Z`;
}

/** Seconds since the epoch of an instant written by isoInstant. */
export function secondsOf(instant: string): number {
  return Date.parse(instant) / 1000;
}

export function instantFromSeconds(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * The same calendar day `months` months later; a day that does not exist in the target
 * month becomes its last day (29 February + 12 months → 28 February), as snapshot-v1.md says.
 */
export function addMonths(isoDateText: string, months: number): string {
  const [year, month, day] = isoDateText.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}
