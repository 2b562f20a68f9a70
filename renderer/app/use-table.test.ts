// When a changed parameter is asked for: at once after a quiet spell, else once typing settles.
import { describe, expect, it } from 'vitest';
import { settleDelay } from './use-table';

describe('settleDelay', () => {
  it('asks at once for the first change and for one after a quiet spell', () => {
    expect(settleDelay(1000, Number.NEGATIVE_INFINITY, 120)).toBe(0);
    expect(settleDelay(1000, 880, 120)).toBe(0);
    expect(settleDelay(1000, 500, 120)).toBe(0);
  });

  it('waits the full delay for a change that follows another within it (typing)', () => {
    expect(settleDelay(1000, 881, 120)).toBe(120);
    expect(settleDelay(1000, 999, 120)).toBe(120);
  });
});
