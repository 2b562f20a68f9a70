// Moments of the data-leak analyses: the end of a reference date, and seconds since the
// epoch as the snapshot's UTC instants. Kept apart so every datalek module cuts the same way.

/** The end of date P (YYYY-MM-DD, already validated): the next day at 00:00:00Z, in seconds. */
export function endOfDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day + 1) / 1000;
}

/** Seconds since the epoch as 'YYYY-MM-DDTHH:MM:SSZ'. */
export function instantOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A snapshot instant 'YYYY-MM-DDTHH:MM:SSZ' as seconds, or null when it is not one. */
export function secondsOf(instant: string | null): number | null {
  if (instant === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(instant)) return null;
  const milliseconds = Date.parse(instant);
  if (Number.isNaN(milliseconds) || new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z') !== instant) return null;
  return milliseconds / 1000;
}
