import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { isValidDate, sqlIsValidDate, sqlIsValidInstant } from './validity';

const DATES: [string, boolean][] = [
  ['2024-02-29', true], ['2023-12-31', true], ['2023-02-29', false], ['2022-02-30', false], ['2022-04-31', false],
  ['2022-13-01', false], ['2022-00-10', false], ['2022-1-5', false], ['1-5-2022', false], ['2022/01/05', false],
  ['2022-01-05 ', false], ['2022-01-05T00:00:00Z', false], ['', false],
];
const INSTANTS: [string, boolean][] = [
  ['2022-01-15T10:00:00Z', true], ['2022-01-15T23:59:59Z', true], ['2024-02-29T00:00:00Z', true],
  ['2022-01-15T24:00:00Z', false], ['2022-01-15T25:00:00Z', false], ['2022-01-15T23:60:00Z', false],
  ['2022-01-15T23:59:60Z', false], ['2022-02-30T10:00:00Z', false], ['2022-01-15 10:00:00', false],
  ['2022-01-15T10:00:00', false], ['2022-01-15t10:00:00z', false], ['2022-01-15T10:00:00.000Z', false],
  ['2022-01-15T10:00:00+01:00', false], ['2022-01-15T1a:00:00Z', false], ['2022-01-15', false],
];

describe('validity of dates and instants', () => {
  it.each(DATES)('isValidDate(%j) is %s', (value, valid) => {
    expect(isValidDate(value)).toBe(valid);
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
