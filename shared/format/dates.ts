// Dutch date formats for people: dates '1-5-2022' (or padded '01-05-2022' as in published
// tables), months 'mei 2022' / '05-2022', and UTC instants shown in Europe/Amsterdam time.
// The Amsterdam offset is computed from the EU summer-time rule (since 1996) rather than
// Intl time zones, so the result does not depend on the ICU data of the host.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export const MONTH_NAMES_NL = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
] as const;

export type DateStyle = 'short' | 'padded';

/** 'YYYY-MM-DD' → '1-5-2022' (short) or '01-05-2022' (padded); other text is returned unchanged. */
export function formatDate(iso: string, style: DateStyle = 'short'): string {
  const match = DATE.exec(iso);
  if (match === null) return iso;
  const [, year, month, day] = match;
  if (style === 'padded') return `${day}-${month}-${year}`;
  return `${Number(day)}-${Number(month)}-${year}`;
}

export type MonthStyle = 'long' | 'numeric';

/** 'YYYY-MM' → 'mei 2022' (long) or '05-2022' (numeric); other text is returned unchanged. */
export function formatMonth(isoMonth: string, style: MonthStyle = 'long'): string {
  const match = MONTH.exec(isoMonth);
  if (match === null) return isoMonth;
  const [, year = '', month = ''] = match;
  const name = MONTH_NAMES_NL[Number(month) - 1];
  if (name === undefined) return isoMonth;
  return style === 'numeric' ? `${month}-${year}` : `${name} ${year}`;
}

/** Epoch milliseconds of the last Sunday of a month at 01:00 UTC (when EU clocks change). */
function lastSundayAtOneUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}

/** Offset of Europe/Amsterdam from UTC in hours at an instant: 2 in summer time, else 1. */
export function amsterdamOffsetHours(epochMs: number): 1 | 2 {
  const year = new Date(epochMs).getUTCFullYear();
  const summer = epochMs >= lastSundayAtOneUtc(year, 2) && epochMs < lastSundayAtOneUtc(year, 9);
  return summer ? 2 : 1;
}

export interface LocalTime {
  /** 'YYYY-MM-DD' in Amsterdam. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  offsetHours: 1 | 2;
}

/** Wall-clock time in Amsterdam of a UTC instant 'YYYY-MM-DDTHH:MM:SSZ', or null if malformed. */
export function amsterdamTime(instant: string): LocalTime | null {
  const match = INSTANT.exec(instant);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(epochMs)) return null;
  const offsetHours = amsterdamOffsetHours(epochMs);
  const local = new Date(epochMs + offsetHours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offsetHours,
  };
}

/**
 * A UTC instant in Amsterdam time: '27-1-2022 14:05' (seconds only when asked, since
 * published tables show minutes). Other text is returned unchanged.
 */
export function formatInstant(instant: string, options: { style?: DateStyle; seconds?: boolean } = {}): string {
  const local = amsterdamTime(instant);
  if (local === null) return instant;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(local.hour)}:${pad(local.minute)}${options.seconds === true ? `:${pad(local.second)}` : ''}`;
  return `${formatDate(local.date, options.style ?? 'short')} ${time}`;
}
