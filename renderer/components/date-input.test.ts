import { describe, expect, it } from 'vitest';
import { displayDate, monthGrid, parseDateInput } from './date-input';

describe('typed dates, day first', () => {
  it('reads day-month-year in its usual spellings and ISO', () => {
    for (const text of ['1-5-2022', '01-05-2022', '1/5/2022', '1.5.2022', ' 01 05 2022 ', '2022-05-01']) {
      expect(parseDateInput(text), text).toEqual({ ok: true, iso: '2022-05-01' });
    }
  });
  it('never reads month first, whatever the locale', () => {
    expect(parseDateInput('5/13/2022')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(parseDateInput('13-5-2022')).toEqual({ ok: true, iso: '2022-05-13' });
  });
  it('says why a date is refused', () => {
    expect(parseDateInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDateInput('1 mei 2022')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateInput('1-5-22')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateInput('31-2-2022')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(parseDateInput('29-2-2023')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(parseDateInput('29-2-2024')).toEqual({ ok: true, iso: '2024-02-29' });
    expect(parseDateInput('1-5-0222')).toEqual({ ok: false, reason: 'range' });
  });
  it('shows ISO dates as dd-mm-jjjj', () => {
    expect(displayDate('2022-05-01')).toBe('01-05-2022');
    expect(displayDate('')).toBe('');
  });
  it('lays out a month from Monday', () => {
    const may2022 = monthGrid(2022, 5); // 1 May 2022 was a Sunday
    expect(may2022[0]).toEqual([null, null, null, null, null, null, 1]);
    expect(may2022.at(-1)).toEqual([30, 31, null, null, null, null, null]);
    expect(monthGrid(2024, 2).flat().filter((day) => day !== null)).toHaveLength(29);
  });
});
