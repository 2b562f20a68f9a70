// What each person adds to each cell of a table, per snapshot: the ground the cause
// decomposition stands on. Written as plain SQL that follows snapshot-v1.md literally,
// over the loader's `temp.usable_<table>` views (the rows the analyses may use; usableView
// checks each table first on a snapshot opened with checks when needed), and
// independent of the analyses' own fast code: the diff checks that these contributions add
// up to the cells the real tables show, and decomposes a cell only when they do.
// Only tables whose count cells are sums over persons are covered (DECOMPOSABLE_TABLES).
import type { Database, SqlValue } from 'sql.js';
import type { TableModel } from '../tables/model';
import { usableView } from '../snapshot/findings';
import { forEachRow } from '../snapshot/sql';
import { addCalendarMonths, endOfDate, instantOfSeconds } from '../dates';

/** Table ids whose count cells can be decomposed by cause, with the columns that can. */
export const DECOMPOSABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'elip-cohorten': ['*cohort', 'totaal'],
  'elip-gemeenten': ['elip_a', 'elip_b', 'totaal'],
  'boete-achterstand': ['overschrijdingen', 'aangekondigd', 'besloten_boete', 'besloten_verlenging', 'besloten_geen_boete', 'achterstand'],
  'boete-ouderdom': ['achterstand'],
  'datalek-gemeenten': ['personen', 'personen_ingezien', 'inzagen', 'personen_overgangsrecht', 'personen_adreskoppeling'],
  'datalek-categorieen': ['personen'],
};

export const DECOMPOSABLE_TABLES: readonly string[] = Object.keys(DECOMPOSABLE_COLUMNS);

/** person id → cell key → what that person adds to the cell (persons or records). */
export type Contributions = Map<string, Map<string, number>>;

/** The key of a cell: its row key and column key. */
export function cellKey(row: string, column: string): string {
  return `${row}\u0000${column}`;
}

/** What the contributions are computed for: the parameters a built table states. */
export interface ContributionRequest {
  tableId: string;
  /** The table as built (its parameters and columns are read). */
  model: TableModel;
  /** Row key to use for every row of a table keyed by peildatum (comparing each snapshot at its own date). */
  peildatumRowKey?: string;
}

const usablePerson = (db: Database): string => `(SELECT i.* FROM ${usableView(db, 'inburgeraar')} i
   WHERE i.gemeente_code IS NULL
      OR i.gemeente_code IN (SELECT g.code FROM ${usableView(db, 'gemeente')} g WHERE g.code GLOB 'GM[0-9][0-9][0-9][0-9]'))`;

function add(contributions: Contributions, person: string, key: string, amount: number): void {
  if (amount === 0) return;
  let cells = contributions.get(person);
  if (cells === undefined) {
    cells = new Map();
    contributions.set(person, cells);
  }
  cells.set(key, (cells.get(key) ?? 0) + amount);
}

/** forEachRow with the parameters before the (long) visitor, as the queries here read best. */
const each = (db: Database, sql: string, params: SqlValue[], visit: (row: SqlValue[]) => void): void => forEachRow(db, sql, visit, params);

/** The next day's midnight as an instant: the end of P for the data-leak analyses. */
export function endOfDay(date: string): string {
  return instantOfSeconds(endOfDate(date));
}

const text = (value: unknown): string => String(value);
const numberParameter = (model: TableModel, key: string, fallback: number): number => {
  const value = model.parameters[key];
  return typeof value === 'number' ? value : fallback;
};
const stringParameter = (model: TableModel, key: string): string => {
  const value = model.parameters[key];
  if (typeof value !== 'string') throw new Error(`diff: the table ${model.id} states no parameter ${key}`);
  return value;
};

/** Cohort column keys ('2019', '2022-2023') → the column of a cohort year. */
function cohortColumnOf(model: TableModel): (year: number) => string | null {
  const ranges = model.columns.flatMap((column) => {
    const match = /^(\d{4})(?:-(\d{4}))?$/.exec(column.key);
    return match === null ? [] : [{ key: column.key, from: Number(match[1]), to: Number(match[2] ?? match[1]) }];
  });
  return (year) => ranges.find((range) => year >= range.from && year <= range.to)?.key ?? null;
}

function elip(db: Database, request: ContributionRequest, contributions: Contributions): void {
  const { model } = request;
  const dates = (model.parameters.peildata ?? [model.parameters.peildatum]) as string[];
  const doelgroep = stringParameter(model, 'doelgroep');
  const thresholdA = numberParameter(model, 'drempel_cent', 950_000);
  const thresholdB = numberParameter(model, 'drempel_b_cent', 750_000);
  const months = numberParameter(model, 'maanden_b', 12);
  const cohortColumn = cohortColumnOf(model);
  for (const date of dates) {
    const rowKey = request.peildatumRowKey ?? date;
    each(
      db,
      `SELECT p.id, p.cohort, p.gemeente_code, p.loan >= ? AS a,
              (p.loan > ? AND p.termijn_einde IS NOT NULL AND p.termijn_einde < ?) AS b
         FROM (SELECT i.id, CAST(substr(i.plicht_start, 1, 4) AS INTEGER) AS cohort, i.gemeente_code, i.termijn_einde,
                      (SELECT coalesce(sum(b.bedrag_cent), 0) FROM ${usableView(db, 'lening_betaling')} b
                        WHERE b.inburgeraar_id = i.id AND b.datum <= ?) AS loan
                 FROM ${usablePerson(db)} i
                WHERE i.stelsel = 'Wi2013' AND i.doelgroep = ? AND i.plicht_start <= ?
                  AND (i.status = 'lopend' OR i.status_datum > ?)) p`,
      [thresholdA, thresholdB, addCalendarMonths(date, months), date, doelgroep, date, date],
      ([id, cohort, gemeente, a, b]) => {
        const inA = a === 1;
        const inB = !inA && b === 1;
        if (!inA && !inB) return;
        if (request.tableId === 'elip-cohorten') {
          if (!inA) return;
          const column = cohortColumn(Number(cohort));
          if (column !== null) add(contributions, text(id), cellKey(rowKey, column), 1);
          add(contributions, text(id), cellKey(rowKey, 'totaal'), 1);
        } else {
          const row = gemeente === null ? 'null' : text(gemeente);
          add(contributions, text(id), cellKey(row, inA ? 'elip_a' : 'elip_b'), 1);
          add(contributions, text(id), cellKey(row, 'totaal'), 1);
        }
      },
    );
  }
}

function ageBand(days: number): string {
  if (days < 91) return '0-3m';
  if (days <= 181) return '3-6m';
  if (days <= 364) return '6-12m';
  return '12m+';
}

function boete(db: Database, request: ContributionRequest, contributions: Contributions): void {
  const date = stringParameter(request.model, 'peildatum');
  each(
    db,
    `SELECT t.inburgeraar_id, substr(t.termijn_einde, 1, 7), t.aankondiging_op <= ?1 AS announced,
            CASE WHEN t.besluit_op <= ?1 THEN t.besluit END AS decided,
            CAST(julianday(?1) - julianday(t.aankondiging_op) AS INTEGER) AS age
       FROM ${usableView(db, 'termijnoverschrijding')} t JOIN ${usablePerson(db)} i ON i.id = t.inburgeraar_id
      WHERE t.termijn_einde <= ?1`,
    [date],
    ([person, month, announced, decided, age]) => {
      const id = text(person);
      const backlog = announced === 1 && decided === null;
      if (request.tableId === 'boete-ouderdom') {
        if (backlog) add(contributions, id, cellKey(ageBand(Number(age)), 'achterstand'), 1);
        return;
      }
      const row = text(month);
      add(contributions, id, cellKey(row, 'overschrijdingen'), 1);
      if (announced === 1) add(contributions, id, cellKey(row, 'aangekondigd'), 1);
      if (decided === 'boete' || decided === 'verlenging' || decided === 'geen_boete') {
        add(contributions, id, cellKey(row, `besloten_${text(decided)}`), 1);
      }
      if (backlog) add(contributions, id, cellKey(row, 'achterstand'), 1);
    },
  );
}

const unlawfulSignals = (db: Database): string => `(SELECT s.id, s.inburgeraar_id AS person, s.gemeente_code, s.zichtbaar_vanaf,
          CASE WHEN s.zichtbaar_tot IS NULL OR s.zichtbaar_tot > ?1 THEN ?1 ELSE s.zichtbaar_tot END AS window_end,
          s.stelsel <> i.stelsel AS overgangsrecht,
          (i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code) AS adreskoppeling
     FROM ${usableView(db, 'portaal_signaal')} s JOIN ${usablePerson(db)} i ON i.id = s.inburgeraar_id
    WHERE s.zichtbaar_vanaf < ?1
      AND (s.stelsel <> i.stelsel OR i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code))`;

function datalek(db: Database, request: ContributionRequest, contributions: Contributions): void {
  const end = endOfDay(stringParameter(request.model, 'peildatum'));
  if (request.tableId === 'datalek-categorieen') {
    each(
      db,
      `SELECT DISTINCT u.person, c.categorie FROM ${unlawfulSignals(db)} u JOIN ${usableView(db, 'signaal_gegeven')} c ON c.signaal_id = u.id`,
      [end],
      ([person, category]) => add(contributions, text(person), cellKey(text(category), 'personen'), 1),
    );
    return;
  }
  each(
    db,
    `SELECT u.person, u.gemeente_code, max(u.overgangsrecht), max(u.adreskoppeling),
            sum((SELECT count(*) FROM ${usableView(db, 'portaal_inzage')} v
                  WHERE v.signaal_id = u.id AND v.ingezien_op >= u.zichtbaar_vanaf AND v.ingezien_op < u.window_end))
       FROM ${unlawfulSignals(db)} u GROUP BY u.person, u.gemeente_code`,
    [end],
    ([person, gemeente, overgangsrecht, adreskoppeling, views]) => {
      const id = text(person);
      const row = text(gemeente);
      add(contributions, id, cellKey(row, 'personen'), 1);
      if (overgangsrecht === 1) add(contributions, id, cellKey(row, 'personen_overgangsrecht'), 1);
      if (adreskoppeling === 1) add(contributions, id, cellKey(row, 'personen_adreskoppeling'), 1);
      const counted = Number(views);
      if (counted > 0) {
        add(contributions, id, cellKey(row, 'inzagen'), counted);
        add(contributions, id, cellKey(row, 'personen_ingezien'), 1);
      }
    },
  );
}

/** Each person's contribution to each decomposable cell of the table as built from `db`. */
export function personContributions(db: Database, request: ContributionRequest): Contributions {
  const contributions: Contributions = new Map();
  if (request.tableId === 'elip-cohorten' || request.tableId === 'elip-gemeenten') elip(db, request, contributions);
  else if (request.tableId === 'boete-achterstand' || request.tableId === 'boete-ouderdom') boete(db, request, contributions);
  else if (request.tableId === 'datalek-gemeenten' || request.tableId === 'datalek-categorieen') datalek(db, request, contributions);
  else throw new Error(`diff: no person contributions for ${request.tableId}`);
  return contributions;
}

/** Whether a column of a table is decomposed by cause. */
export function isDecomposableColumn(tableId: string, columnKey: string): boolean {
  const columns = DECOMPOSABLE_COLUMNS[tableId];
  if (columns === undefined) return false;
  if (columns.includes('*cohort') && /^\d{4}(-\d{4})?$/.test(columnKey)) return true;
  return columns.includes(columnKey);
}
