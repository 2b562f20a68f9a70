import { describe, expect, it } from 'vitest';
import { parseInteger } from './values';

describe('integer checks', () => {
  it('parses whole numbers within the safe range', () => {
    expect(parseInteger('-20000')).toBe(-20000);
    expect(parseInteger('0')).toBe(0);
    for (const bad of ['12.50', '1e3', '007', '', '-', '9007199254740993']) expect(parseInteger(bad), bad).toBeNull();
  });
});
