// Where the demo's persons live: a weighted choice over the real 2023 CBS municipalities
// (large cities weigh more), the municipalities of a few COA asylum locations, and the
// pseudonymous portal users of each municipality.
import { GEMEENTEN_2023 } from './gemeenten-2023';
import { weightedPicker, type Random } from './random';

/** The four large cities and the other G40-like centres weigh more; weights are invented. */
const CITY_WEIGHTS: Readonly<Record<string, number>> = {
  GM0363: 40, GM0599: 32, GM0518: 28, GM0344: 20, GM0772: 12, GM0014: 12, GM0855: 11, GM0034: 10,
  GM0268: 10, GM0202: 9, GM0228: 6, GM0106: 5, GM0637: 6, GM0400: 3,
};

/** Municipalities of well-known COA locations (Ter Apel, Budel, Zevenaar, Gilze, Dronten, Assen). */
export const COA_MUNICIPALITIES = ['GM1950', 'GM1706', 'GM0299', 'GM0784', 'GM0303', 'GM0106'] as const;

export const GEMEENTE_CODES: readonly string[] = GEMEENTEN_2023.map(([code]) => code);

function baseWeight(code: string): number {
  // A fixed pseudo-random weight 1–4 per municipality, from its code, so small towns differ.
  const number = Number(code.slice(2));
  return CITY_WEIGHTS[code] ?? 1 + ((number * 7919) % 4);
}

export const pickGemeente: (random: Random) => string = weightedPicker(GEMEENTE_CODES, GEMEENTE_CODES.map(baseWeight));

/** Pseudonymous portal users of a municipality: more in larger ones. */
export function usersOf(gemeente: string): number {
  return Math.min(25, 1 + baseWeight(gemeente));
}

export function userId(gemeente: string, index: number): string {
  return `gm${gemeente.slice(2)}-u${String(index + 1).padStart(2, '0')}`;
}

export function pickUser(random: Random, gemeente: string): string {
  return userId(gemeente, random.integer(0, usersOf(gemeente) - 1));
}
