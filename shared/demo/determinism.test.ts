// The demo is the same every time (same SQLite bytes), quick and small; the scale
// generator is seeded and refuses sizes it cannot make.
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors';
import { buildDemoModel, generateDemoSnapshot } from './generate';
import { computeFigures, EXPECTED_FIGURES } from './verify';
import { generateScaleSnapshot } from './scale';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await initSqlJs();
});

const hash = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

describe('demo snapshot', () => {
  it('is byte-for-byte identical in two runs, made in seconds and tens of MB at most', () => {
    const started = performance.now();
    const first = generateDemoSnapshot(sql);
    const seconds = (performance.now() - started) / 1000;
    const second = generateDemoSnapshot(sql);
    expect(hash(second)).toBe(hash(first));
    expect(first.length).toBeLessThan(40 * 1024 * 1024);
    // Generous for a loaded shared machine; about 3 s when idle (docs/DEMO.md).
    expect(seconds).toBeLessThan(45);
  }, 120_000);
});

describe('demo construction', () => {
  it.each([1, 987_654_321])('hits every published figure by construction, also with seed %d', (seed) => {
    expect(computeFigures(buildDemoModel(seed))).toEqual(EXPECTED_FIGURES);
  }, 60_000);
});

describe('scale snapshot', () => {
  it('is the same for the same seed and differs for another', () => {
    const options = { persons: 1500, seed: 42 };
    const first = generateScaleSnapshot(sql, options);
    expect(hash(generateScaleSnapshot(sql, options))).toBe(hash(first));
    expect(hash(generateScaleSnapshot(sql, { ...options, seed: 43 }))).not.toBe(hash(first));
  });

  it('has the asked number of persons, several payments each, unlawful signals and progress', () => {
    const progress: number[] = [];
    const db = new sql.Database(generateScaleSnapshot(sql, { persons: 12_000, seed: 1, onProgress: (p) => progress.push(p.done) }));
    const value = (query: string): number => Number(db.exec(query)[0]?.values[0]?.[0]);
    expect(value('SELECT COUNT(*) FROM inburgeraar')).toBe(12_000);
    expect(value('SELECT COUNT(*) FROM lening_betaling')).toBeGreaterThan(12_000 * 4);
    expect(value('SELECT COUNT(*) FROM lening_betaling WHERE bedrag_cent < 0')).toBeGreaterThan(1000);
    expect(value('SELECT COUNT(*) FROM portaal_signaal')).toBeGreaterThan(12_000);
    expect(value('SELECT COUNT(*) FROM portaal_inzage')).toBeGreaterThan(24_000);
    expect(value(`SELECT COUNT(DISTINCT s.gemeente_code) FROM portaal_signaal s JOIN inburgeraar i ON i.id = s.inburgeraar_id
      WHERE s.stelsel <> i.stelsel OR s.gemeente_code <> i.gemeente_code OR i.gemeente_code IS NULL`)).toBeGreaterThan(150);
    expect(value("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'portaal%'")).toBe(3);
    expect(value("SELECT COUNT(*) FROM incident WHERE soort = 'datalek'")).toBe(1);
    expect(progress.at(-1)).toBe(12_000);
    db.close();
  });

  it.each([0, -5, 1.5, 10_000_000])('refuses %d persons with a typed error', (persons) => {
    expect(() => generateScaleSnapshot(sql, { persons, seed: 1 })).toThrow(InvalidParameterError);
  });
});
