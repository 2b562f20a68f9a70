// Calendar arithmetic on ISO dates ('YYYY-MM-DD') and instants ('YYYY-MM-DDTHH:MM:SSZ') as
// whole UTC day numbers, which keeps the generators fast and free of time-zone surprises.

const MILLISECONDS_PER_DAY = 86_400_000;

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of an ISO date. */
export function dayOf(isoDateText: string): number {
  let day = dayNumbers.get(isoDateText);
  if (day === undefined) {
    day = Math.round(Date.parse(`${isoDateText}T00:00:00Z`) / MILLISECONDS_PER_DAY);
    dayNumbers.set(isoDateText, day);
  }
  return day;
}

// Formatting dates is the hot path of the scale generator: remember each day's text.
const dateTexts = new Map<number, string>();

export function isoDate(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
    dateTexts.set(day, text);
  }
  return text;
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** 'YYYY-MM-DDTHH:MM:SSZ' of whole seconds since the epoch. */
export function instantFromSeconds(seconds: number): string {
  const day = Math.floor(seconds / 86_400);
  const second = seconds - day * 86_400;
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  return `${isoDate(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(second % 60)}Z`;
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
