// The byte-level date and instant tests of the scanner accept exactly what the string rule
// of shared/dates.ts and the SQL of the findings (date(x) IS x; the instant GLOB plus
// date()) accept, and give the same day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { dayOfDateBytes, isDateAt, isInstantAt, secondsOfInstantBytes } from './row-tests';
import { dayNumber, secondsOfInstant, sqlIsValidDate, sqlIsValidInstant } from '../dates';

const encoder = new TextEncoder();
const pad = (value: number, length: number) => String(value).padStart(length, '0');
const dateText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
  ),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', '/', ' ', 'T', 'Z', ':'), minLength: 10, maxLength: 10 }),
);
const instantText = fc.oneof(
  fc.tuple(dateText, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 })).map(
    ([date, hours, minutes, seconds]) => `${date}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}Z`,
  ),
  fc.tuple(dateText, fc.constantFrom('T', 't', ' '), fc.constantFrom('Z', 'z', '+')).map(([date, t, z]) => `${date}${t}12:00:00${z}`),
);

describe('byte-level validity', () => {
  it('is the string rule of shared/dates.ts read from bytes', () => {
    fc.assert(
      fc.property(dateText, instantText, (date, instant) => {
        expect(Object.is(dayOfDateBytes(encoder.encode(date), 0), dayNumber(date))).toBe(true);
        const seconds = secondsOfInstant(instant);
        expect(Object.is(secondsOfInstantBytes(encoder.encode(instant), 0), seconds ?? Number.NaN)).toBe(true);
        // The validity tests alone (the scanner's date and instant rules) say the same.
        expect(isDateAt(encoder.encode(date), 0)).toBe(!Number.isNaN(dayNumber(date)));
        expect(isInstantAt(encoder.encode(instant), 0)).toBe(seconds !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the SQL of the findings and counts days like SQLite', async () => {
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database();
    const dates = db.prepare(`SELECT ${sqlIsValidDate('?1')}, julianday(?1) - 2440587.5`);
    const instants = db.prepare(`SELECT ${sqlIsValidInstant('?1')}, unixepoch(?1)`);
    try {
      fc.assert(
        fc.property(dateText, instantText, (date, instant) => {
          const [validDate, day] = dates.get([date]);
          const ownDay = dayOfDateBytes(encoder.encode(date), 0);
          expect(!Number.isNaN(ownDay)).toBe(validDate === 1);
          if (validDate === 1) expect(ownDay).toBe(day);
          const [validInstant, seconds] = instants.get([instant]);
          const ownSeconds = secondsOfInstantBytes(encoder.encode(instant), 0);
          expect(!Number.isNaN(ownSeconds)).toBe(validInstant === 1);
          if (validInstant === 1) expect(ownSeconds).toBe(seconds);
        }),
        { numRuns: 3000 },
      );
    } finally {
      dates.free();
      instants.free();
      db.close();
    }
  });
});
