// The one date and instant rule: strict shapes, real days and times, day numbers and
// month arithmetic, checked by hand, against SQLite (whose date() the findings use) and
// against JavaScript's Date as an independent calendar.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths, civilFromDay, dateOfDay, dayNumber, daysInMonth, endOfDate, instantOfDate, instantOfSeconds,
  isValidDate, isValidInstant, nextDate, sameDayNextYear, secondsOfInstant, sqlIsValidDate, sqlIsValidInstant, yearOfDay,
} from './dates';
import { nodeSqlJsProvider } from './node/snapshot/sqljs-node';

const DATES: [string, boolean][] = [
  ['2024-02-29', true], ['2023-12-31', true], ['2000-02-29', true], ['0001-01-01', true], ['2023-02-29', false],
  ['1900-02-29', false], ['2022-02-30', false], ['2022-04-31', false], ['2022-13-01', false], ['2022-00-10', false],
  ['2022-1-5', false], ['2023-4-01', false], ['1-5-2022', false], ['2022/01/05', false], ['2023-01-0a', false],
  [' 2023-01-01', false], ['2022-01-05 ', false], ['2022-01-05T00:00:00Z', false], ['', false],
];
const INSTANTS: [string, boolean][] = [
  ['2022-01-15T10:00:00Z', true], ['2022-01-15T23:59:59Z', true], ['2024-02-29T00:00:00Z', true],
  ['2022-01-15T24:00:00Z', false], ['2022-01-15T25:00:00Z', false], ['2022-01-15T23:60:00Z', false],
  ['2022-01-15T23:59:60Z', false], ['2022-02-30T10:00:00Z', false], ['2022-01-15 10:00:00', false],
  ['2022-01-15T10:00:00', false], ['2022-01-15t10:00:00z', false], ['2022-01-15T10:00:00.000Z', false],
  ['2022-01-15T10:00:00+01:00', false], ['2022-01-15T1a:00:00Z', false], ['2022-01-15', false],
];

describe('valid dates and instants', () => {
  it.each(DATES)('isValidDate(%j) is %s', (value, valid) => {
    expect(isValidDate(value)).toBe(valid);
    expect(Number.isNaN(dayNumber(value))).toBe(!valid);
  });

  it.each(INSTANTS)('isValidInstant(%j) is %s', (value, valid) => {
    expect(isValidInstant(value)).toBe(valid);
    expect(secondsOfInstant(value) === null).toBe(!valid);
  });

  it('agrees in SQL for dates and instants (sql.js SQLite)', async () => {
    const db = new (await nodeSqlJsProvider()).Database();
    try {
      const check = (condition: (expression: string) => string, value: string) =>
        db.exec(`SELECT ${condition('?1')}`.replaceAll('?1', `'${value}'`))[0]!.values[0]![0];
      for (const [value, valid] of DATES) expect([value, check(sqlIsValidDate, value)]).toEqual([value, valid ? 1 : 0]);
      for (const [value, valid] of INSTANTS) expect([value, check(sqlIsValidInstant, value)]).toEqual([value, valid ? 1 : 0]);
      expect(db.exec(`SELECT ${sqlIsValidDate('20220105')}, ${sqlIsValidInstant('NULL')}`)[0]!.values[0]).toEqual([0, 0]);
    } finally {
      db.close();
    }
  });
});

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2022-05-01') - dayNumber('2022-01-31')).toBe(90);
    expect(dayNumber(null)).toBeNaN();
    expect(dayNumber(undefined)).toBeNaN();
    expect(dayNumber('2022-02-30')).toBeNaN();
    expect(dateOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(yearOfDay(dayNumber('2023-12-31'))).toBe(2023);
    expect(yearOfDay(dayNumber('1969-12-31'))).toBe(1969);
    expect(nextDate('2023-12-31')).toBe('2024-01-01');
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2023, 13)).toBe(0);
  });

  it('agrees with JavaScript Date on every day from 1900 to 2200', () => {
    for (let day = dayNumber('1900-01-01'); day <= dayNumber('2200-12-31'); day += 1) {
      const date = new Date(day * 86_400_000);
      const iso = date.toISOString().slice(0, 10);
      if (dateOfDay(day) !== iso || dayNumber(iso) !== day || yearOfDay(day) !== date.getUTCFullYear()) throw new Error(`day ${day} (${iso})`);
      const { year, month, day: dayOfMonth } = civilFromDay(day);
      if (year !== date.getUTCFullYear() || month !== date.getUTCMonth() + 1 || dayOfMonth !== date.getUTCDate()) throw new Error(`civil ${iso}`);
    }
  });
});

describe('instants', () => {
  it('reads and writes seconds since the epoch', () => {
    expect(secondsOfInstant('2022-01-10T09:00:00Z')).toBe(Date.UTC(2022, 0, 10, 9) / 1000);
    expect(secondsOfInstant(null)).toBeNull();
    expect(instantOfSeconds(dayNumber('2022-01-27') * 86_400 + 3600 * 9 + 61)).toBe('2022-01-27T09:01:01Z');
    expect(instantOfSeconds(-1)).toBe('1969-12-31T23:59:59Z');
    expect(instantOfDate(new Date(Date.UTC(2023, 4, 1, 12, 30, 15, 999)))).toBe('2023-05-01T12:30:15Z');
  });

  it('ends a date at the next day 00:00:00Z, across month, leap day and year', () => {
    expect(instantOfSeconds(endOfDate('2022-01-31'))).toBe('2022-02-01T00:00:00Z');
    expect(instantOfSeconds(endOfDate('2024-02-28'))).toBe('2024-02-29T00:00:00Z');
    expect(instantOfSeconds(endOfDate('2023-12-31'))).toBe('2024-01-01T00:00:00Z');
  });

  it('round-trips with JavaScript Date for any second from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800, max: 7_289_567_999 }), (seconds) => {
        const instant = new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
        expect(instantOfSeconds(seconds)).toBe(instant);
        expect(secondsOfInstant(instant)).toBe(seconds);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('calendar months', () => {
  it('moves a year on, 29 February to 28 February', () => {
    expect(sameDayNextYear('2022-05-01')).toBe('2023-05-01');
    expect(sameDayNextYear('2024-02-29')).toBe('2025-02-28');
    expect(sameDayNextYear('2023-02-28')).toBe('2024-02-28');
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2022-01-31', 1)).toBe('2022-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2022-11-15', 3)).toBe('2023-02-15');
    expect(addCalendarMonths('2023-12-15', 1)).toBe('2024-01-15');
    expect(addCalendarMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addCalendarMonths('2023-01-15', -1)).toBe('2022-12-15');
  });
});
