// Statistical disclosure control of a TableModel before it leaves the machine: rounding
// to a base, or suppression of small counts with secondary suppression so that no hidden
// value can be recomputed from the published row totals (`totaal`) and column totals
// (`totals`). Pure: returns a new model, never changes the one it is given.
import { InvalidParameterError } from '../errors';
import type { Disclosure, DisclosureOption, TableModel, TableRow } from '../tables/model';

/** A disclosure method with its settings, as chosen by a person or a command-line flag. */
export type DisclosureChoice =
  | { method: 'none' }
  | { method: 'round'; base: 5 | 10 }
  | { method: 'suppress'; k: number };

export const DEFAULT_SUPPRESSION_K = 10;

/**
 * The protection a table gets when nobody chose another: suppression below k = 10. The
 * one default for every way a table leaves — the app's exports and copies, its Bijlage and
 * `ketenlens bijlage` — so the same action gives the same protection wherever it is done.
 */
export const DEFAULT_TABLE_DISCLOSURE: DisclosureChoice = { method: 'suppress', k: DEFAULT_SUPPRESSION_K };

/**
 * The protection a bijlage gets unless its maker chooses otherwise, because a bijlage is
 * made to be published: the one default of the app's Bijlage screen and `ketenlens bijlage`.
 */
export const BIJLAGE_DEFAULT_DISCLOSURE: DisclosureChoice = DEFAULT_TABLE_DISCLOSURE;

/**
 * The app's option for a choice. The option 'suppress' means k = DEFAULT_SUPPRESSION_K
 * (what applyDisclosure gives it), so another k has no option and is refused here.
 */
export function disclosureOptionOf(choice: DisclosureChoice): DisclosureOption {
  if (choice.method === 'none') return 'none';
  if (choice.method === 'round') return choice.base === 5 ? 'round5' : 'round10';
  if (choice.k !== DEFAULT_SUPPRESSION_K) throw new RangeError(`the app offers suppression with k = ${DEFAULT_SUPPRESSION_K} only (got ${choice.k})`);
  return 'suppress';
}

/** The key of the row-total column that the spec's tables use. */
export const ROW_TOTAL_KEY = 'totaal';

const DISCLOSURE_SYNTAX = 'none | round5 | round10 | suppress[:k]';

/** Parse `none`, `round5`, `round10`, `suppress` or `suppress:k` (k an integer 2…1000). */
export function parseDisclosure(text: string): DisclosureChoice {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none') return { method: 'none' };
  if (trimmed === 'round5' || trimmed === 'round') return { method: 'round', base: 5 };
  if (trimmed === 'round10') return { method: 'round', base: 10 };
  const match = /^suppress(?::(\d+))?$/.exec(trimmed);
  if (match !== null) {
    const k = match[1] === undefined ? DEFAULT_SUPPRESSION_K : Number(match[1]);
    return { method: 'suppress', k: checkedK(k) };
  }
  throw new InvalidParameterError(
    '--disclosure',
    `'${text}' is geen bekende methode; kies ${DISCLOSURE_SYNTAX}.`,
    `'${text}' is not a known method; choose ${DISCLOSURE_SYNTAX}.`,
  );
}

function checkedK(k: number): number {
  if (!Number.isInteger(k) || k < 2 || k > 1000) {
    throw new InvalidParameterError(
      'k',
      `de drempel k moet een geheel getal van 2 tot en met 1000 zijn (gekregen: ${k}).`,
      `the threshold k must be an integer from 2 to 1000 (got: ${k}).`,
    );
  }
  return k;
}

function toChoice(option: DisclosureOption | DisclosureChoice, k: number | undefined): DisclosureChoice {
  if (typeof option !== 'string') return option.method === 'suppress' ? { method: 'suppress', k: checkedK(option.k) } : option;
  if (option === 'suppress') return { method: 'suppress', k: checkedK(k ?? DEFAULT_SUPPRESSION_K) };
  return parseDisclosure(option);
}

function copyRow(row: TableRow): TableRow {
  const copy: TableRow = { ...row };
  if (row._suppressed !== undefined) copy._suppressed = [...row._suppressed];
  return copy;
}

function copyModel(model: TableModel): TableModel {
  return {
    ...model,
    columns: model.columns.map((column) => ({ ...column })),
    rows: model.rows.map(copyRow),
    totals: model.totals === null ? null : copyRow(model.totals),
    notes: [...model.notes],
    parameters: { ...model.parameters },
    provenance: { ...model.provenance },
  };
}

/**
 * Apply a disclosure method and return a new model. A model that already went through
 * disclosure control is refused for any method but 'none', because its cells are no
 * longer the exact values the methods assume.
 */
export function applyDisclosure(
  model: TableModel,
  option: DisclosureOption | DisclosureChoice,
  settings: { k?: number } = {},
): TableModel {
  const choice = toChoice(option, settings.k);
  if (choice.method === 'none') return copyModel(model);
  if (model.disclosure.method !== 'none') {
    throw new InvalidParameterError(
      'disclosure',
      `de tabel ${model.id} is al beveiligd (${model.disclosure.method}); pas de methode toe op de onbewerkte tabel.`,
      `the table ${model.id} is already protected (${model.disclosure.method}); apply the method to the unprocessed table.`,
    );
  }
  return choice.method === 'round' ? roundModel(model, choice.base) : suppressModel(model, choice.k);
}

// ── rounding ────────────────────────────────────────────────────────────────────────

/** Nearest multiple of base; halves round up (away from zero for the positive counts we have). */
export function roundToBase(value: number, base: number): number {
  return Math.sign(value) * Math.floor(Math.abs(value) / base + 0.5) * base;
}

function roundModel(model: TableModel, base: 5 | 10): TableModel {
  const result = copyModel(model);
  const countKeys = model.columns.filter((column) => column.type === 'count').map((column) => column.key);
  // Totals are rounded from their own exact value (not summed from rounded cells), which
  // is why they may not add up; the marker '*' and the note tell the reader.
  const roundRow = (row: TableRow) => {
    for (const key of countKeys) {
      const value = row[key];
      if (typeof value === 'number') row[key] = roundToBase(value, base);
    }
  };
  result.rows.forEach(roundRow);
  if (result.totals !== null) roundRow(result.totals);
  result.disclosure = { method: 'round', base } satisfies Disclosure;
  const hasTotals = result.totals !== null || countKeys.includes(ROW_TOTAL_KEY);
  result.notes.push(
    hasTotals
      ? `* Aantallen zijn afgerond op een veelvoud van ${base}. Totalen zijn afgerond vanuit de exacte totalen en kunnen daardoor afwijken van de som van de afgeronde aantallen.`
      : `Aantallen zijn afgerond op een veelvoud van ${base}.`,
  );
  return result;
}

// ── suppression ─────────────────────────────────────────────────────────────────────

/**
 * The additive structure of a table as an extended grid: interior rows 0…m−1 and, when
 * the totals row adds up, row m = the totals row; component columns 0…n−1 and, when the
 * `totaal` column adds up, column n = `totaal`. Every grid position is a count cell.
 */
interface Grid {
  rows: TableRow[];
  keys: string[];
  interiorRows: number;
  interiorColumns: number;
  hasColumnTotals: boolean;
  hasRowTotals: boolean;
}

function sumOf(values: (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}

function numberAt(row: TableRow, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' ? value : null;
}

function buildGrid(model: TableModel): Grid {
  const countKeys = model.columns.filter((column) => column.type === 'count').map((column) => column.key);
  const componentKeys = countKeys.filter((key) => key !== ROW_TOTAL_KEY);
  const rowsToCheck = model.totals === null ? model.rows : [...model.rows, model.totals];
  // A relation is only used when the data really satisfy it: a `totaal` that is not the sum
  // of the other counts (e.g. persons counted once over overlapping groups) is just a cell.
  const hasRowTotals =
    countKeys.includes(ROW_TOTAL_KEY) &&
    componentKeys.length > 0 &&
    rowsToCheck.every((row) => {
      const total = numberAt(row, ROW_TOTAL_KEY);
      return total !== null && sumOf(componentKeys.map((key) => numberAt(row, key))) === total;
    });
  const gridKeys = hasRowTotals ? [...componentKeys, ROW_TOTAL_KEY] : componentKeys.length > 0 ? componentKeys : countKeys;
  const totals = model.totals;
  const hasColumnTotals =
    totals !== null &&
    model.rows.length > 0 &&
    gridKeys.every((key) => {
      const total = numberAt(totals, key);
      return total !== null && sumOf(model.rows.map((row) => numberAt(row, key))) === total;
    });
  return {
    rows: hasColumnTotals && totals !== null ? [...model.rows, totals] : model.rows,
    keys: gridKeys,
    interiorRows: model.rows.length,
    interiorColumns: hasRowTotals ? gridKeys.length - 1 : gridKeys.length,
    hasColumnTotals,
    hasRowTotals,
  };
}

type Position = readonly [row: number, column: number];

function isMargin(grid: Grid, [row, column]: Position): boolean {
  const inTotalsRow = grid.hasColumnTotals && row === grid.interiorRows;
  const inTotalColumn = grid.hasRowTotals && column === grid.interiorColumns;
  return inTotalsRow !== inTotalColumn;
}

/**
 * The shapes whose cells can move together while every row and column sum stays right:
 * 2×2 rectangles when both kinds of totals are published, pairs in a line when only one
 * kind is. Each shape lists its positions with their change (+1/−1) in the "negated
 * margins" view, in which every row and column of the extended grid sums to zero.
 */
function* shapesThrough(grid: Grid, [row, column]: Position): Generator<{ position: Position; sign: 1 | -1 }[]> {
  const rowCount = grid.rows.length;
  const columnCount = grid.keys.length;
  if (grid.hasRowTotals && grid.hasColumnTotals) {
    for (let otherRow = 0; otherRow < rowCount; otherRow++) {
      if (otherRow === row) continue;
      for (let otherColumn = 0; otherColumn < columnCount; otherColumn++) {
        if (otherColumn === column) continue;
        yield [
          { position: [row, column], sign: 1 },
          { position: [row, otherColumn], sign: -1 },
          { position: [otherRow, column], sign: -1 },
          { position: [otherRow, otherColumn], sign: 1 },
        ];
      }
    }
  } else if (grid.hasRowTotals) {
    for (let otherColumn = 0; otherColumn < columnCount; otherColumn++) {
      if (otherColumn !== column) yield [{ position: [row, column], sign: 1 }, { position: [row, otherColumn], sign: -1 }];
    }
  } else if (grid.hasColumnTotals) {
    for (let otherRow = 0; otherRow < rowCount; otherRow++) {
      if (otherRow !== row) yield [{ position: [row, column], sign: 1 }, { position: [otherRow, column], sign: -1 }];
    }
  }
}

function valueAt(grid: Grid, [row, column]: Position): number {
  return numberAt(grid.rows[row] ?? {}, grid.keys[column] ?? '') ?? 0;
}

/** What a reader knows of a hidden cell: '<k' means 1…k−1, 'x' (secondary) only ≥ 0. */
type Bounds = (position: Position) => { lower: number; upper: number };

/** Whether shifting the shape by one (in one of the two directions) keeps every cell within what the reader knows. */
function isMovable(grid: Grid, shape: { position: Position; sign: 1 | -1 }[], bounds: Bounds): boolean {
  return ([1, -1] as const).some((direction) =>
    shape.every(({ position, sign }) => {
      const moved = valueAt(grid, position) + sign * direction * (isMargin(grid, position) ? -1 : 1);
      const { lower, upper } = bounds(position);
      return moved >= lower && moved <= upper;
    }),
  );
}

const positionKey = ([row, column]: Position) => `${row}:${column}`;

/** Row key listing the subset of `_suppressed` that secondary suppression hid (shown as 'x'). */
export const SECONDARY_KEY = '_secondary';

/** The keys of a row that secondary suppression hid. */
export function secondaryKeys(row: TableRow): readonly string[] {
  const value = row[SECONDARY_KEY];
  return Array.isArray(value) ? value : [];
}

function suppressModel(model: TableModel, k: number): TableModel {
  if (k < 3) {
    // '<2' would reveal the value: zero is never hidden, so a hidden count below 2 is 1.
    throw new InvalidParameterError('k', 'de drempel k moet bij afscherming minstens 3 zijn.', 'the threshold k must be at least 3 for suppression.');
  }
  const result = copyModel(model);
  const isSensitive = (value: unknown) => typeof value === 'number' && value >= 1 && value <= k - 1;
  const countKeys = model.columns.filter((column) => column.type === 'count').map((column) => column.key);
  const grid = buildGrid(result);
  const primaryCells = new Set<string>();
  const order: Position[] = [];
  grid.rows.forEach((_, row) =>
    grid.keys.forEach((_key, column) => {
      const position: Position = [row, column];
      order.push(position);
      if (isSensitive(valueAt(grid, position))) primaryCells.add(positionKey(position));
    }),
  );
  const suppressed = new Set(primaryCells);
  // Hidden totals show 'x', not '<k': a total known to be below k, with its cells each
  // 1…k−1, can pin those cells down (1 + 1 = '<3'). So only interior cells carry bounds.
  const isTotal = ([row, column]: Position) =>
    (grid.hasColumnTotals && row === grid.interiorRows) || (grid.hasRowTotals && column === grid.interiorColumns);
  const withBounds: Bounds = (position) =>
    primaryCells.has(positionKey(position)) && !isTotal(position) ? { lower: 1, upper: k - 1 } : { lower: 0, upper: Number.POSITIVE_INFINITY };
  const nonNegative: Bounds = () => ({ lower: 0, upper: Number.POSITIVE_INFINITY });
  const constrained = grid.hasRowTotals || grid.hasColumnTotals;
  const protectedCells = new Set<string>();
  // One pass suffices: a cell protected by a movable shape of suppressed cells stays
  // protected when more cells are suppressed, and every shape added protects all its cells.
  for (const position of order) {
    const key = positionKey(position);
    if (!constrained || !suppressed.has(key) || protectedCells.has(key)) continue;
    // Within the reader's bounds, a shape through the totals can always move (up for a
    // count below k−1, else down), so the fallback to mere non-negativity is a safety net.
    const best = cheapestShape(grid, position, suppressed, withBounds) ?? cheapestShape(grid, position, suppressed, nonNegative);
    for (const member of best ?? []) {
      suppressed.add(positionKey(member));
      protectedCells.add(positionKey(member));
    }
  }
  const hide = (row: TableRow, key: string, secondary: boolean) => {
    row[key] = null;
    row._suppressed = [...(row._suppressed ?? []), key];
    if (secondary) row[SECONDARY_KEY] = [...secondaryKeys(row), key];
  };
  for (const position of order) {
    const key = positionKey(position);
    const row = grid.rows[position[0]];
    const columnKey = grid.keys[position[1]];
    if (suppressed.has(key) && row !== undefined && columnKey !== undefined) hide(row, columnKey, !primaryCells.has(key));
  }
  // Count cells outside the additive structure (e.g. a `totaal` that is not a sum) are
  // independent: primary suppression alone protects them.
  const gridRows = new Set(grid.rows);
  let primaryOutside = 0;
  const markOutside = (row: TableRow) => {
    for (const columnKey of countKeys) {
      if ((gridRows.has(row) && grid.keys.includes(columnKey)) || !isSensitive(row[columnKey])) continue;
      hide(row, columnKey, false);
      primaryOutside++;
    }
  };
  result.rows.forEach(markOutside);
  if (result.totals !== null) markOutside(result.totals);
  const primary = primaryCells.size + primaryOutside;
  const secondary = suppressed.size - primaryCells.size;
  result.disclosure = { method: 'suppress', k, primary, secondary } satisfies Disclosure;
  if (primary > 0) result.notes.push(suppressionNote(k, secondary));
  return result;
}

/** The movable shape through a position that hides the least (sum of values newly hidden, then fewest cells). */
function cheapestShape(grid: Grid, position: Position, suppressed: ReadonlySet<string>, bounds: Bounds): Position[] | null {
  let best: { shape: Position[]; cost: number; added: number } | null = null;
  for (const shape of shapesThrough(grid, position)) {
    if (!isMovable(grid, shape, bounds)) continue;
    const positions = shape.map((entry) => entry.position);
    const fresh = positions.filter((candidate) => !suppressed.has(positionKey(candidate)));
    if (fresh.length === 0) return positions;
    const cost = fresh.reduce((total, candidate) => total + valueAt(grid, candidate), 0);
    if (best === null || cost < best.cost || (cost === best.cost && fresh.length < best.added)) {
      best = { shape: positions, cost, added: fresh.length };
    }
  }
  return best?.shape ?? null;
}

function suppressionNote(k: number, secondary: number): string {
  const base = `<${k}: een aantal van 1 tot en met ${k - 1}, afgeschermd om herleidbaarheid tot personen te voorkomen.`;
  if (secondary === 0) return base;
  return `${base} x: afgeschermd (een totaal, of een cel waaruit een klein aantal terug te rekenen zou zijn).`;
}
