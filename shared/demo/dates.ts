// The demo generator's dates are the rules of shared/dates.ts; this module only remembers
// each day's text, because formatting dates and instants is the scale generator's hot path
// and a lookup is about ten times faster than formatting the same day again.
import { dateOfDay, instantOfSeconds } from '../dates';

const dateTexts = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number, remembered. */
export function isoDate(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = dateOfDay(day);
    dateTexts.set(day, text);
  }
  return text;
}

/** 'YYYY-MM-DDTHH:MM:SSZ' of whole seconds since the epoch, with the day's text remembered. */
export function instantFromSeconds(seconds: number): string {
  return instantOfSeconds(seconds, isoDate);
}
