// Colour classes of the breach map: five blues at the quintiles of the values, plus grey
// for municipalities without exposure.

export const CLASS_COLOURS = ['#d6e4f0', '#9fc1de', '#5d93c4', '#2a649f', '#0b3a6b'];
export const EMPTY_COLOUR = '#f1f1f1';

/** Rounds a class bound to two significant digits, so the legend reads easily. */
function readable(value: number, decimals: boolean): number {
  if (value <= 0) return 0;
  const magnitude = 10 ** Math.max(decimals ? -1 : 0, Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(Number((value / magnitude).toFixed(6))) * magnitude).toFixed(decimals ? 1 : 0));
}

/**
 * Class upper bounds at the quintiles of the non-zero values: breaches hit a few large
 * municipalities hard, and equal steps would paint almost every other one the same.
 */
export function classBounds(values: readonly number[], decimals = false): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const bounds: number[] = [];
  for (let index = 1; index <= CLASS_COLOURS.length; index += 1) {
    const at = sorted[Math.min(sorted.length - 1, Math.ceil((index / CLASS_COLOURS.length) * sorted.length) - 1)] ?? 0;
    const bound = index === CLASS_COLOURS.length ? (sorted.at(-1) ?? 0) : readable(at, decimals);
    if (bounds.length === 0 || bound > (bounds.at(-1) ?? 0)) bounds.push(bound);
  }
  return bounds;
}

export function colourFor(value: number, bounds: readonly number[]): string {
  if (value <= 0 || bounds.length === 0) return EMPTY_COLOUR;
  const index = bounds.findIndex((bound) => value <= bound);
  return CLASS_COLOURS[index === -1 ? CLASS_COLOURS.length - 1 : index] ?? EMPTY_COLOUR;
}

