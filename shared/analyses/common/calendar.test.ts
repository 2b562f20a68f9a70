import { describe, expect, it } from 'vitest';
import { addCalendarMonths, dateOfDay, dayNumber, isValidDate, sameDayNextYear, yearOfDay } from './calendar';

describe('calendar', () => {
  it('validates real dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2022-5-1')).toBe(false);
    expect(isValidDate('2022-13-01')).toBe(false);
  });
  it('counts days', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2022-05-01') - dayNumber('2022-01-31')).toBe(90);
    expect(dayNumber(null)).toBeNaN();
    expect(dayNumber('2022-02-30')).toBeNaN();
    expect(dateOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(yearOfDay(dayNumber('2023-12-31'))).toBe(2023);
    for (let day = dayNumber('1999-12-25'); day < dayNumber('2031-01-05'); day += 1) {
      if (yearOfDay(day) !== new Date(day * 86_400_000).getUTCFullYear()) throw new Error(`year of ${dateOfDay(day)}`);
    }
    expect(yearOfDay(dayNumber('1969-12-31'))).toBe(1969);
  });
  it('moves a year on, 29 February to 28 February', () => {
    expect(sameDayNextYear('2022-05-01')).toBe('2023-05-01');
    expect(sameDayNextYear('2024-02-29')).toBe('2025-02-28');
    expect(sameDayNextYear('2023-02-28')).toBe('2024-02-28');
  });
  it('adds calendar months with clamping', () => {
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2022-01-31', 1)).toBe('2022-02-28');
    expect(addCalendarMonths('2022-11-15', 3)).toBe('2023-02-15');
    expect(addCalendarMonths('2022-05-01', 12)).toBe(sameDayNextYear('2022-05-01'));
  });
});
