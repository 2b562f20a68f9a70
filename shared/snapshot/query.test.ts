import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, ReadOnlyQueryError } from '../errors';
import { openFixture } from '../../test/support/snapshot';
import type { OpenedSnapshot } from './types';
import { firstWord, runReadOnlyQuery } from './query';

const DATA = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland'), ('GM0599', 'Rotterdam', 'Zuid-Holland');
INSERT INTO inburgeraar VALUES
  ('P1', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL),
  ('P2', 'Wi2021', 'gezin', '2022-05-01', NULL, 'GM0599', 'voldaan', '2023-06-01');
`;

describe('runReadOnlyQuery', () => {
  let snapshot: OpenedSnapshot;
  beforeAll(async () => {
    snapshot = await openFixture(DATA);
  });
  afterAll(() => snapshot.close());

  const countPersons = () => Number(runReadOnlyQuery(snapshot.db, 'SELECT count(*) FROM inburgeraar').rows[0]![0]);

  it('returns columns and rows of a SELECT, WITH, VALUES and EXPLAIN', () => {
    expect(runReadOnlyQuery(snapshot.db, 'SELECT id, stelsel FROM inburgeraar ORDER BY id')).toEqual({
      columns: ['id', 'stelsel'],
      rows: [['P1', 'Wi2013'], ['P2', 'Wi2021']],
      truncated: false,
    });
    const withQuery = runReadOnlyQuery(snapshot.db, '/* c */ WITH x AS (SELECT code FROM gemeente) SELECT count(*) AS n FROM x');
    expect(withQuery.rows).toEqual([[2]]);
    expect(runReadOnlyQuery(snapshot.db, 'VALUES (1, 2)').rows).toEqual([[1, 2]]);
    expect(runReadOnlyQuery(snapshot.db, 'EXPLAIN QUERY PLAN SELECT * FROM inburgeraar').rows.length).toBeGreaterThan(0);
    expect(runReadOnlyQuery(snapshot.db, "SELECT replace(naam, 'A', 'a') FROM gemeente WHERE code = 'GM0363'").rows).toEqual([['amsterdam']]);
  });

  it('reads the TEMP usable views', () => {
    expect(runReadOnlyQuery(snapshot.db, 'SELECT count(*) FROM usable_inburgeraar').rows).toEqual([[2]]);
  });

  it('stops at maxRows and says so', () => {
    const result = runReadOnlyQuery(snapshot.db, 'SELECT code FROM gemeente ORDER BY code', { maxRows: 1 });
    expect(result).toEqual({ columns: ['code'], rows: [['GM0363']], truncated: true });
  });

  const refused = [
    "INSERT INTO gemeente VALUES ('GM0001', 'X', NULL)",
    "UPDATE inburgeraar SET stelsel = 'Wi2007'",
    'DELETE FROM inburgeraar',
    'DROP TABLE inburgeraar',
    'CREATE TABLE x (a)',
    'CREATE TEMP TABLE x (a)',
    "ATTACH DATABASE ':memory:' AS other",
    'DETACH DATABASE temp',
    'VACUUM',
    "REPLACE INTO gemeente VALUES ('GM0363', 'X', NULL)",
    'SELECT 1; DELETE FROM inburgeraar',
    'PRAGMA writable_schema = 1',
    'WITH doomed AS (SELECT id FROM inburgeraar) DELETE FROM inburgeraar WHERE id IN (SELECT id FROM doomed)',
    "WITH x AS (SELECT 1) INSERT INTO gemeente VALUES ('GM0002', 'Y', NULL)",
    '(DELETE FROM inburgeraar)',
    '-- comment\nDELETE FROM inburgeraar',
  ];
  it.each(refused)('refuses %s and leaves the data unchanged', (sql) => {
    expect(() => runReadOnlyQuery(snapshot.db, sql)).toThrow(ReadOnlyQueryError);
    expect(countPersons()).toBe(2);
    expect(runReadOnlyQuery(snapshot.db, "SELECT stelsel FROM inburgeraar WHERE id = 'P1'").rows).toEqual([['Wi2013']]);
    expect(Number(snapshot.db.exec("SELECT count(*) FROM sqlite_schema WHERE name = 'x'")[0]!.values[0]![0])).toBe(0);
    expect(snapshot.db.exec('PRAGMA query_only')[0]!.values[0]![0]).toBe(0);
  });

  it('gives the Dutch and English reason for a refusal', () => {
    try {
      runReadOnlyQuery(snapshot.db, 'SELECT 1; SELECT 2');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReadOnlyQueryError);
      const refusal = error as ReadOnlyQueryError;
      expect(refusal.messageNl).toContain('Alleen lezende');
      expect(refusal.messageEn).toBe('Only read-only queries are allowed: only one statement is allowed, this text holds 2.');
    }
  });

  it('turns SQL errors into QueryError', () => {
    expect(() => runReadOnlyQuery(snapshot.db, 'SELECT nope FROM inburgeraar')).toThrow(QueryError);
    expect(() => runReadOnlyQuery(snapshot.db, 'SELECT nope FROM inburgeraar')).toThrow(/no such column: nope/);
    expect(() => runReadOnlyQuery(snapshot.db, 'SELEC 1')).toThrow(ReadOnlyQueryError);
    expect(() => runReadOnlyQuery(snapshot.db, '   ')).toThrow(ReadOnlyQueryError);
  });

  it('finds the first word behind comments and parentheses', () => {
    expect(firstWord('  -- x\n /* y */ ((select 1))')).toBe('SELECT');
    expect(firstWord('')).toBe('');
  });
});
