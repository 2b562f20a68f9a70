import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidParameterError, UnprotectedExportError } from '../errors';
import type { TableColumn, TableModel, TableRow } from '../tables/model';
import { applyDisclosure, parseDisclosure, roundToBase, secondaryKeys } from './disclosure';
import { assertExportAllowed, countSmallCells } from './guard';

const PROVENANCE = { snapshot_sha256: 'ab'.repeat(32), peildatum: '2023-09-15', generator: 'ketenlens 0.1.0', created_at: '2026-11-23T13:30:00Z' };

/** A table with a label column, count columns c0…, a `totaal` column and a totals row, all consistent. */
function tableOf(cells: number[][], options: { totalsRow?: boolean; totalColumn?: boolean } = {}): TableModel {
  const width = cells[0]?.length ?? 0;
  const keys = Array.from({ length: width }, (_, index) => `c${index}`);
  const withTotalColumn = options.totalColumn ?? true;
  const columns: TableColumn[] = [
    { key: 'naam', label: 'Naam', type: 'text' },
    ...keys.map((key): TableColumn => ({ key, label: key.toUpperCase(), type: 'count' })),
    ...(withTotalColumn ? [{ key: 'totaal', label: 'Totaal', type: 'count' } satisfies TableColumn] : []),
  ];
  const rows: TableRow[] = cells.map((values, index) => {
    const row: TableRow = { naam: `rij ${index + 1}` };
    keys.forEach((key, column) => (row[key] = values[column] ?? 0));
    if (withTotalColumn) row.totaal = values.reduce((sum, value) => sum + value, 0);
    return row;
  });
  let totals: TableRow | null = null;
  if (options.totalsRow ?? true) {
    const row: TableRow = { naam: null };
    for (const key of withTotalColumn ? [...keys, 'totaal'] : keys) {
      row[key] = rows.reduce((sum, each) => sum + (typeof each[key] === 'number' ? each[key] : 0), 0);
    }
    totals = row;
  }
  return {
    id: 'test', title: 'Test', columns, rows, totals, notes: [], source: 'Test', parameters: {},
    disclosure: { method: 'none' }, provenance: PROVENANCE,
  };
}

// ── an independent attacker: solve the published table for each hidden cell ───────────

interface Unknown {
  row: number;
  column: number;
  truth: number;
  lower: number;
  upper: number;
}

/**
 * The published table as equations over the extended grid (rows + totals row, count
 * columns + `totaal`): every row sums to its `totaal`, every column to its total. Hidden
 * cells are unknowns; '<k' tells the reader 1…k−1 when `readerBounds`, otherwise only ≥ 0.
 */
function publishedSystem(published: TableModel, original: TableModel, k: number, readerBounds: boolean) {
  const keys = published.columns.filter((column) => column.type === 'count').map((column) => column.key);
  const components = keys.filter((key) => key !== 'totaal');
  const publishedRows = [...published.rows, ...(published.totals === null ? [] : [published.totals])];
  const originalRows = [...original.rows, ...(original.totals === null ? [] : [original.totals])];
  const grid: (number | null)[][] = publishedRows.map((row) => keys.map((key) => (typeof row[key] === 'number' ? row[key] : null)));
  const unknowns: Unknown[] = [];
  publishedRows.forEach((row, rowIndex) =>
    keys.forEach((key, columnIndex) => {
      if (row[key] !== null) return;
      const truth = originalRows[rowIndex]?.[key];
      const isTotal = key === 'totaal' || row === published.totals;
      const secondary = isTotal || secondaryKeys(row).includes(key);
      unknowns.push({
        row: rowIndex, column: columnIndex, truth: typeof truth === 'number' ? truth : NaN,
        lower: readerBounds && !secondary ? 1 : 0, upper: readerBounds && !secondary ? k - 1 : Number.POSITIVE_INFINITY,
      });
    }),
  );
  // Each equation: list of [row, column, coefficient] summing to zero.
  const equations: [number, number, number][][] = [];
  const totalColumn = keys.indexOf('totaal');
  if (totalColumn >= 0) {
    publishedRows.forEach((_, rowIndex) =>
      equations.push([...components.map((key): [number, number, number] => [rowIndex, keys.indexOf(key), 1]), [rowIndex, totalColumn, -1]]),
    );
  }
  if (published.totals !== null) {
    const totalsIndex = publishedRows.length - 1;
    keys.forEach((_, columnIndex) =>
      equations.push([...published.rows.map((_row, rowIndex): [number, number, number] => [rowIndex, columnIndex, 1]), [totalsIndex, columnIndex, -1]]),
    );
  }
  return { grid, unknowns, equations };
}

/** Search a non-negative integer solution of the published equations in which `target` differs from its true value. */
function alternativeExists(system: ReturnType<typeof publishedSystem>, target: Unknown): boolean {
  const { grid, unknowns, equations } = system;
  const values = grid.map((row) => [...row]);
  let budget = 200_000;
  const order = [target, ...unknowns.filter((unknown) => unknown !== target)];
  const boundsOf = (row: number, column: number) => unknowns.find((unknown) => unknown.row === row && unknown.column === column);

  const propagate = (): boolean => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const equation of equations) {
        const open = equation.filter(([row, column]) => values[row]?.[column] === null);
        const known = equation.reduce((sum, [row, column, coefficient]) => sum + (values[row]?.[column] ?? 0) * coefficient, 0);
        if (open.length === 0 && known !== 0) return false;
        if (open.length === 1) {
          const [row, column, coefficient] = open[0] ?? [0, 0, 1];
          const forced = -known / coefficient;
          const bounds = boundsOf(row, column);
          if (!Number.isInteger(forced) || bounds === undefined || forced < bounds.lower || forced > bounds.upper) return false;
          if (row === target.row && column === target.column && forced === target.truth) return false;
          (values[row] ?? [])[column] = forced;
          changed = true;
        }
      }
    }
    return true;
  };

  const copyInto = (saved: (number | null)[][]) => saved.forEach((row, rowIndex) => (values[rowIndex] = [...row]));
  const search = (): boolean => {
    if (--budget < 0) return false;
    const saved = values.map((row) => [...row]);
    if (!propagate()) {
      copyInto(saved);
      return false;
    }
    const unknown = order.find((each) => values[each.row]?.[each.column] === null);
    if (unknown === undefined) return true;
    const propagated = values.map((row) => [...row]);
    const high = Math.min(unknown.upper, unknown.truth + 40);
    const candidates: number[] = [];
    for (let value = unknown.lower; value <= high; value++) {
      if (unknown !== target || value !== target.truth) candidates.push(value);
    }
    candidates.sort((a, b) => Math.abs(a - unknown.truth) - Math.abs(b - unknown.truth));
    for (const candidate of candidates) {
      (values[unknown.row] ?? [])[unknown.column] = candidate;
      if (search()) return true;
      copyInto(propagated);
    }
    copyInto(saved);
    return false;
  };
  return search();
}

/** Hidden cells whose value the published table pins down exactly. */
function disclosedCells(published: TableModel, original: TableModel, k: number, readerBounds: boolean): Unknown[] {
  const system = publishedSystem(published, original, k, readerBounds);
  return system.unknowns.filter((unknown) => !alternativeExists(system, unknown));
}

const smallCount = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 10, max: 60 }) },
);
const randomCells = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, columns]) => fc.array(fc.array(smallCount, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

describe('suppression', () => {
  it('hides counts 1…k−1 (not zero, not k) in count columns and marks them', () => {
    const model = tableOf([[0, 9, 10, 40]], { totalsRow: false, totalColumn: false });
    const result = applyDisclosure(model, 'suppress', { k: 10 });
    const row = result.rows[0] ?? {};
    expect(row.c0).toBe(0);
    expect(row.c1).toBeNull();
    expect(row.c2).toBe(10);
    expect(row._suppressed).toEqual(['c1']);
    expect(result.disclosure).toEqual({ method: 'suppress', k: 10, primary: 1, secondary: 0 });
    expect(result.notes.at(-1)).toContain('<10');
    // The input is left as it was.
    expect(model.rows[0]?.c1).toBe(9);
    expect(model.disclosure.method).toBe('none');
  });

  it('adds the cheapest complementary cell in the same row when only the totaal column is published', () => {
    const model = tableOf([[5, 12, 30, 11]], { totalsRow: false });
    const result = applyDisclosure(model, parseDisclosure('suppress'));
    expect(result.rows[0]?._suppressed).toEqual(['c0', 'c3']);
    expect(secondaryKeys(result.rows[0] ?? {})).toEqual(['c3']);
    expect(result.disclosure).toEqual({ method: 'suppress', k: 10, primary: 1, secondary: 1 });
  });

  it('protects Tabel 1-like data with row and column totals', () => {
    const model = tableOf([[24, 78, 4, 0], [21, 65, 10, 1], [14, 56, 156, 2]]);
    const result = applyDisclosure(model, 'suppress', { k: 10 });
    // 4, 1 and 2 in the cells, and 3 as the total of the last column.
    expect(result.disclosure.method === 'suppress' && result.disclosure.primary).toBe(4);
    expect(disclosedCells(result, model, 10, false)).toEqual([]);
    expect(disclosedCells(result, model, 10, true)).toEqual([]);
  });

  it('never lets a hidden cell be solved from the published cells and totals (property)', () => {
    fc.assert(
      fc.property(randomCells, fc.integer({ min: 3, max: 12 }), fc.boolean(), fc.boolean(), (cells, k, totalsRow, totalColumn) => {
        const model = tableOf(cells, { totalsRow, totalColumn });
        const result = applyDisclosure(model, 'suppress', { k });
        // Published cells are the exact values; every sensitive value is hidden.
        const before = [...model.rows, ...(model.totals === null ? [] : [model.totals])];
        const after = [...result.rows, ...(result.totals === null ? [] : [result.totals])];
        before.forEach((row, rowIndex) => {
          for (const column of model.columns.filter((each) => each.type === 'count')) {
            const value = row[column.key];
            const shown = after[rowIndex]?.[column.key];
            if (typeof value === 'number' && value >= 1 && value < k) expect(shown).toBeNull();
            if (shown !== null) expect(shown).toBe(value);
          }
        });
        // The attacker knows every hidden cell is a non-negative integer…
        expect(disclosedCells(result, model, k, false)).toEqual([]);
        // …and, from '<k', that a hidden cell (not a total, shown 'x') is 1…k−1.
        expect(disclosedCells(result, model, k, true)).toEqual([]);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('refuses k below 3 and a table that is already protected', () => {
    expect(() => applyDisclosure(tableOf([[1, 2]]), 'suppress', { k: 2 })).toThrow(InvalidParameterError);
    const once = applyDisclosure(tableOf([[1, 20]]), 'round5');
    expect(() => applyDisclosure(once, 'suppress')).toThrow(InvalidParameterError);
  });
});

describe('rounding', () => {
  it('rounds counts to the base, halves up, and totals from their exact values', () => {
    expect([0, 2, 3, 7, 8, 12, 13].map((value) => roundToBase(value, 5))).toEqual([0, 0, 5, 5, 10, 10, 15]);
    expect([4, 5, 14, 15].map((value) => roundToBase(value, 10))).toEqual([0, 10, 10, 20]);
    const model = tableOf([[3, 3, 3], [1, 1, 1]]);
    const result = applyDisclosure(model, 'round5');
    expect(result.rows[0]).toMatchObject({ c0: 5, c1: 5, c2: 5, totaal: 10 });
    expect(result.rows[1]).toMatchObject({ c0: 0, c1: 0, c2: 0, totaal: 5 });
    expect(result.totals).toMatchObject({ c0: 5, totaal: 10 });
    expect(result.disclosure).toEqual({ method: 'round', base: 5 });
    expect(result.notes.at(-1)).toMatch(/^\* .*veelvoud van 5.*Totalen/);
    expect(applyDisclosure(model, 'round10').rows[0]).toMatchObject({ c0: 0, totaal: 10 });
  });
});

describe('option parsing and the export rule', () => {
  it('parses the command-line spellings', () => {
    expect(parseDisclosure('none')).toEqual({ method: 'none' });
    expect(parseDisclosure('round10')).toEqual({ method: 'round', base: 10 });
    expect(parseDisclosure('suppress')).toEqual({ method: 'suppress', k: 10 });
    expect(parseDisclosure('suppress:5')).toEqual({ method: 'suppress', k: 5 });
    expect(() => parseDisclosure('suppress:0')).toThrow(InvalidParameterError);
    expect(() => parseDisclosure('blur')).toThrow(/round5/);
  });

  it('refuses person-level results without confirmation and counts small cells', () => {
    const personLevel = { ...tableOf([[1, 2]]), parameters: { person_level: true } };
    expect(() => assertExportAllowed(personLevel)).toThrow(UnprotectedExportError);
    expect(() => assertExportAllowed(personLevel, { confirmedUnprotected: true })).not.toThrow();
    expect(() => assertExportAllowed(tableOf([[1, 2]]))).not.toThrow();
    expect(countSmallCells(tableOf([[1, 20]], { totalsRow: false }))).toBe(1);
  });
});
