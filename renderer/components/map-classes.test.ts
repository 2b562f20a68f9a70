import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS, EMPTY_COLOUR, classBounds, colourFor } from './map-classes';

describe('map colour classes', () => {
  it('puts bounds at the quintiles of the non-zero values, the last at the maximum', () => {
    const values = [0, 0, ...Array.from({ length: 100 }, (_, i) => i + 1)];
    expect(classBounds(values)).toEqual([20, 40, 60, 80, 100]);
  });

  it('keeps a skewed distribution apart instead of painting it all in the lightest class', () => {
    const values = [1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 200];
    const bounds = classBounds(values);
    expect(bounds.at(-1)).toBe(200);
    expect(new Set(values.map((v) => colourFor(v, bounds))).size).toBeGreaterThanOrEqual(4);
    expect(colourFor(200, bounds)).toBe(CLASS_COLOURS.at(-1));
  });

  it('gives no classes without values and grey to zero', () => {
    expect(classBounds([0, 0])).toEqual([]);
    expect(colourFor(0, [10])).toBe(EMPTY_COLOUR);
  });

  it('rounds person-days to one decimal', () => {
    expect(classBounds([0.44, 0.51, 1.26, 2.9, 7.77], true)).toEqual([0.5, 0.6, 1.3, 2.9, 7.77]);
  });
});
