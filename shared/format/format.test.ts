import { describe, expect, it } from 'vitest';
import {
  amsterdamOffsetHours, formatCell, formatCount, formatDate, formatDays, formatInstant, formatMoneyCent, formatMonth, formatPercent,
} from './index';

describe('Dutch number formats', () => {
  it('groups counts with dots', () => {
    expect(formatCount(2396)).toBe('2.396');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(-4641)).toBe('-4.641');
  });
  it('shows cents as euros', () => {
    expect(formatMoneyCent(950000)).toBe('€ 9.500');
    expect(formatMoneyCent(950050)).toBe('€ 9.500,50');
    expect(formatMoneyCent(5)).toBe('€ 0,05');
    expect(formatMoneyCent(-2500)).toBe('€ -25');
  });
  it('shows days and percentages with a decimal comma', () => {
    expect(formatDays(3.5)).toBe('3,5');
    expect(formatDays(1234.25)).toBe('1.234,3');
    expect(formatDays(2)).toBe('2,0');
    expect(formatPercent(12.5)).toBe('12,5%');
    expect(formatDays(-0.01)).toBe('0,0');
  });
});

describe('Dutch date formats', () => {
  it('writes dates short and padded', () => {
    expect(formatDate('2022-05-01')).toBe('1-5-2022');
    expect(formatDate('2022-05-01', 'padded')).toBe('01-05-2022');
    expect(formatDate('2022-10-15', 'padded')).toBe('15-10-2022');
    expect(formatDate('not a date')).toBe('not a date');
  });
  it('writes months', () => {
    expect(formatMonth('2022-05')).toBe('mei 2022');
    expect(formatMonth('2022-12', 'numeric')).toBe('12-2022');
    expect(formatMonth('2022-13')).toBe('2022-13');
  });
  it('shows instants in Amsterdam time across summer time', () => {
    expect(formatInstant('2022-01-27T13:05:00Z')).toBe('27-1-2022 14:05');
    expect(formatInstant('2022-07-01T22:30:09Z', { seconds: true })).toBe('2-7-2022 00:30:09');
    // 2022 summer time: 27 March 01:00 UTC to 30 October 01:00 UTC.
    expect(amsterdamOffsetHours(Date.UTC(2022, 2, 27, 0, 59))).toBe(1);
    expect(amsterdamOffsetHours(Date.UTC(2022, 2, 27, 1, 0))).toBe(2);
    expect(amsterdamOffsetHours(Date.UTC(2022, 9, 30, 0, 59))).toBe(2);
    expect(amsterdamOffsetHours(Date.UTC(2022, 9, 30, 1, 0))).toBe(1);
    expect(formatInstant('2022-12-31T23:30:00Z', { style: 'padded' })).toBe('01-01-2023 00:30');
  });
});

describe('formatCell', () => {
  it('formats by column type', () => {
    expect(formatCell(2396, { type: 'count' })).toBe('2.396');
    expect(formatCell(950000, { type: 'money_cent' })).toBe('€ 9.500');
    expect(formatCell(3.456, { type: 'days' })).toBe('3,5');
    expect(formatCell('2022-05-01', { type: 'date' }, { dateStyle: 'padded' })).toBe('01-05-2022');
    expect(formatCell('2022-05', { type: 'month' })).toBe('mei 2022');
    expect(formatCell(true, { type: 'boolean' })).toBe('ja');
    expect(formatCell(null, { type: 'count' }, { empty: '–' })).toBe('–');
    expect(formatCell('GM0363', { type: 'text' })).toBe('GM0363');
  });
});
