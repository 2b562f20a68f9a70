// Data-quality findings of an opened snapshot and the rows the analyses must skip.
// Every CHECK, NOT NULL and REFERENCES of snapshot-v1.sql is checked again (a producer
// may have created the tables without them), plus date/instant syntax, duplicate keys
// and a few consistency rules. Each table is first read in one pass of the b-tree scanner
// (findings-scan.ts) that evaluates every rule per row; a table it finds certainly clean
// needs no SQL. Otherwise the checks are set-based SQL: one counting scan per table, and
// further queries only for checks that found something; SQL has the last word.
// Skipped rows go into TEMP tables `temp.skip_<table>`; the TEMP views
// `temp.usable_<table>` hold the rows that remain. Rules and cascades: docs/SNAPSHOT.md.
import type { Database } from 'sql.js';
import type { Finding, FindingKind, SnapshotTable } from './types';
import { quoteIdentifier as q, selectRows, selectValue } from './sql';
import { sqlIsValidDate, sqlIsValidInstant } from '../dates';
import { FindingsScanner, type ScanRules } from './findings-scan';
import { SCAN_ASIDE_TABLES, type ScanAsideAnswer, type ScanAsideRequest } from './scan-aside';
import type { ScanRider } from './scan-rider';
import { tableLayout } from './table-layout';
import type { ScanTest } from './row-tests';
import { columnRules, GEMEENTE_CODE, type ColumnRule } from './columns';
import { registerImage } from './table-scan';

/** One rule over the rows of a table; `condition` (over alias `t`) is true for a bad row. */
interface RowCheck {
  kind: FindingKind;
  column?: string;
  condition: string;
  /** Set on NOT NULL checks: the column, so the check can be left out where SQLite enforces it. */
  notNullOf?: string;
  descriptionNl: string;
  descriptionEn: string;
  skip: boolean;
  /** The same rule as a test the b-tree scanner evaluates per row (row-tests.ts). */
  scan?: ScanTest;
}

interface Reference {
  column: string;
  parent: SnapshotTable;
  parentColumn: string;
}

interface TableRules {
  table: SnapshotTable;
  /** The columns that identify a row (primary key of snapshot-v1.sql); empty if none. */
  key: string[];
  checks: RowCheck[];
  references: Reference[];
}

const EXAMPLE_LIMIT = 5;

// ── rule builders ─────────────────────────────────────────────────────────────────────

function notNull(column: string): RowCheck {
  return {
    kind: 'check-violation',
    column,
    condition: `t.${q(column)} IS NULL`,
    notNullOf: column,
    scan: { test: 'not-null', column },
    descriptionNl: `${column} ontbreekt (NULL)`,
    descriptionEn: `${column} is missing (NULL)`,
    skip: true,
  };
}

function oneOf(column: string, values: readonly (string | number)[]): RowCheck {
  const list = values.map((value) => (typeof value === 'number' ? String(value) : `'${value}'`)).join(', ');
  const shown = values.join('/');
  return {
    kind: 'check-violation',
    column,
    condition: `t.${q(column)} IS NOT NULL AND t.${q(column)} NOT IN (${list})`,
    scan: { test: 'one-of', column, values },
    descriptionNl: `${column} is geen ${shown}`,
    descriptionEn: `${column} is not one of ${shown}`,
    skip: true,
  };
}

function gemeenteCode(column: string): RowCheck {
  return {
    kind: 'check-violation',
    column,
    condition: `t.${q(column)} IS NOT NULL AND NOT (t.${q(column)} GLOB '${GEMEENTE_CODE.glob}')`,
    scan: { test: 'gemeente-code', column },
    descriptionNl: `${column} is geen CBS-code GMxxxx`,
    descriptionEn: `${column} is not a CBS code GMxxxx`,
    skip: true,
  };
}

function date(column: string): RowCheck {
  return {
    kind: 'invalid-date',
    column,
    condition: `t.${q(column)} IS NOT NULL AND NOT ${sqlIsValidDate(`t.${q(column)}`)}`,
    scan: { test: 'date', column },
    descriptionNl: `${column} is geen geldige datum JJJJ-MM-DD`,
    descriptionEn: `${column} is not a valid date YYYY-MM-DD`,
    skip: true,
  };
}

function instant(column: string): RowCheck {
  return {
    kind: 'invalid-instant',
    column,
    condition: `t.${q(column)} IS NOT NULL AND NOT ${sqlIsValidInstant(`t.${q(column)}`)}`,
    scan: { test: 'instant', column },
    descriptionNl: `${column} is geen geldig tijdstip JJJJ-MM-DDTUU:MM:SSZ`,
    descriptionEn: `${column} is not a valid instant YYYY-MM-DDTHH:MM:SSZ`,
    skip: true,
  };
}

function wholeCents(column: string): RowCheck {
  return {
    kind: 'check-violation',
    column,
    condition: `t.${q(column)} IS NOT NULL AND typeof(t.${q(column)}) <> 'integer'`,
    scan: { test: 'whole-cents', column },
    descriptionNl: `${column} is geen geheel aantal centen`,
    descriptionEn: `${column} is not a whole number of cents`,
    skip: true,
  };
}

function notNegative(column: string): RowCheck {
  return {
    kind: 'negative-amount',
    column,
    condition: `typeof(t.${q(column)}) = 'integer' AND t.${q(column)} < 0`,
    scan: { test: 'not-negative', column },
    descriptionNl: `${column} is negatief`,
    descriptionEn: `${column} is negative`,
    skip: false,
  };
}

/** The checks of one column, derived from its rule in columns.ts. */
function columnChecks(column: string, rule: ColumnRule): RowCheck[] {
  const checks: RowCheck[] = [];
  if (rule.required) checks.push(notNull(column));
  if (rule.oneOf !== undefined) checks.push(oneOf(column, rule.oneOf));
  if (rule.gemeenteCode === true) checks.push(gemeenteCode(column));
  if (rule.type === 'date') checks.push(date(column));
  if (rule.type === 'instant') checks.push(instant(column));
  if (rule.type === 'cents') checks.push(wholeCents(column));
  if (rule.notNegative === true) checks.push(notNegative(column));
  return checks;
}

// The cheap comparison first: SQLite stops an AND at the first false term.
const dateAfterValid = (later: string, earlier: string): string =>
  `t.${q(later)} < t.${q(earlier)} AND ${sqlIsValidDate(`t.${q(later)}`)} AND ${sqlIsValidDate(`t.${q(earlier)}`)}`;

/** The rules that span columns, each checked just before or after the checks of one column. */
const CROSS_COLUMN: Partial<Record<SnapshotTable, { before?: string; after?: string; check: RowCheck }[]>> = {
  inburgeraar: [
    {
      before: 'status_datum',
      check: {
        kind: 'check-violation',
        column: 'status_datum',
        condition: `t.status IS NOT NULL AND (t.status = 'lopend') <> (t.status_datum IS NULL)`,
        scan: { test: 'lopend-without-date' },
        descriptionNl: "status_datum hoort leeg te zijn precies als status 'lopend' is",
        descriptionEn: "status_datum must be empty exactly when status is 'lopend'",
        skip: true,
      },
    },
    {
      after: 'status_datum',
      check: {
        kind: 'status-before-start',
        column: 'status_datum',
        condition: dateAfterValid('status_datum', 'plicht_start'),
        scan: { test: 'not-before', later: 'status_datum', earlier: 'plicht_start', instants: false },
        descriptionNl: 'status_datum ligt voor plicht_start',
        descriptionEn: 'status_datum is earlier than plicht_start',
        skip: false,
      },
    },
  ],
  termijnoverschrijding: [
    {
      before: 'besluit_op',
      check: {
        kind: 'check-violation',
        column: 'besluit_op',
        condition: '(t.besluit IS NULL) <> (t.besluit_op IS NULL)',
        scan: { test: 'both-or-neither', first: 'besluit', second: 'besluit_op' },
        descriptionNl: 'besluit en besluit_op zijn niet allebei ingevuld of allebei leeg',
        descriptionEn: 'besluit and besluit_op are not both filled in or both empty',
        skip: true,
      },
    },
  ],
  portaal_signaal: [
    {
      after: 'zichtbaar_tot',
      check: {
        kind: 'window-ends-before-start',
        column: 'zichtbaar_tot',
        condition:
          `t.zichtbaar_tot < t.zichtbaar_vanaf AND ${sqlIsValidInstant('t.zichtbaar_vanaf')} ` +
          `AND ${sqlIsValidInstant('t.zichtbaar_tot')}`,
        scan: { test: 'not-before', later: 'zichtbaar_tot', earlier: 'zichtbaar_vanaf', instants: true },
        descriptionNl: 'zichtbaar_tot ligt voor zichtbaar_vanaf',
        descriptionEn: 'zichtbaar_tot is earlier than zichtbaar_vanaf',
        skip: true,
      },
    },
  ],
};

function tableRules(table: SnapshotTable): TableRules {
  const columns = columnRules(table);
  const cross = CROSS_COLUMN[table] ?? [];
  return {
    table,
    key: columns.filter(([, rule]) => rule.key === true).map(([column]) => column),
    references: columns.flatMap(([column, rule]) =>
      rule.references === undefined ? [] : [{ column, parent: rule.references.table, parentColumn: rule.references.column }]),
    checks: columns.flatMap(([column, rule]) => [
      ...cross.filter((entry) => entry.before === column).map((entry) => entry.check),
      ...columnChecks(column, rule),
      ...cross.filter((entry) => entry.after === column).map((entry) => entry.check),
    ]),
  };
}

// ── the rules of snapshot v1, parents before children ────────────────────────────────

const RULES: readonly TableRules[] = (
  [
    'meta', 'gemeente', 'gegevenscategorie', 'incident', 'inburgeraar', 'lening_betaling', 'termijnoverschrijding',
    'dwangbevel', 'kennisgeving', 'ind_levering', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage',
  ] as const
).map(tableRules);

// ── checks that need the parent row of a reference ────────────────────────────────────

/** How a check reaches a parent table in the counting pass. */
interface PassContext {
  /** The alias of the LEFT JOINed parent row for this reference, or null when not joined. */
  joined(reference: Reference): string | null;
  /** Rows of a table skipped so far (parents are complete before their children run). */
  skippedCount(table: SnapshotTable): number;
}

/** portaal_inzage: a view outside its (usable) signal's window [zichtbaar_vanaf, zichtbaar_tot). */
function viewOutsideWindow(context: PassContext, signal: Reference): RowCheck {
  const outside = (s: string) =>
    `(t.ingezien_op < ${s}.zichtbaar_vanaf OR (${s}.zichtbaar_tot IS NOT NULL AND t.ingezien_op >= ${s}.zichtbaar_tot))`;
  const alias = context.joined(signal);
  const condition =
    alias === null
      ? `EXISTS (SELECT 1 FROM temp.usable_portaal_signaal s WHERE s.id = t.signaal_id AND ${outside('s')})`
      : `${alias}.id IS NOT NULL AND ${outside(alias)}` +
        (context.skippedCount('portaal_signaal') > 0
          ? ` AND EXISTS (SELECT 1 FROM temp.usable_portaal_signaal u WHERE u.id = ${alias}.id)`
          : '');
  return {
    kind: 'view-outside-window',
    column: 'ingezien_op',
    // Only against usable signals: a view of a skipped signal is skipped itself (cascade).
    condition: `${condition} AND ${sqlIsValidInstant('t.ingezien_op')}`,
    descriptionNl: 'inzage valt buiten het zichtbaarheidsvenster van het signaal',
    descriptionEn: "view lies outside the signal's visibility window",
    skip: false,
  };
}

// ── storage of each table: rowid or WITHOUT ROWID, enforced uniqueness ──────────────────

interface Storage {
  /** Columns that identify a row for skipping: ['rowid'] or the primary key columns. */
  rowKey: string[];
  /** Columns declared NOT NULL: SQLite enforces that on every write and no pragma turns it off. */
  declaredNotNull: Set<string>;
  hasRowid: boolean;
  /** Whether the database itself already guarantees that `key` is unique. */
  keyEnforcedUnique: boolean;
}

function storageOf(db: Database, rules: TableRules): Storage {
  const table = rules.table;
  let hasRowid = true;
  try {
    db.prepare(`SELECT rowid FROM main.${q(table)} LIMIT 0`).free();
  } catch {
    hasRowid = false;
  }
  const info = selectRows(db, 'SELECT lower(name), upper(type), pk, "notnull" FROM pragma_table_info(?) ORDER BY pk', [table]);
  const declaredNotNull = new Set(info.filter((row) => Number(row[3]) === 1).map((row) => String(row[0])));
  const primaryKey = info.filter((row) => Number(row[2]) > 0).map((row) => String(row[0]));
  const sameColumns = (columns: string[]): boolean =>
    columns.length === rules.key.length && rules.key.every((column) => columns.includes(column));
  const integerAlias = hasRowid && primaryKey.length === 1 && info.some((row) => Number(row[2]) === 1 && row[1] === 'INTEGER');
  let keyEnforcedUnique = rules.key.length > 0 && sameColumns(primaryKey) && (!hasRowid || integerAlias);
  if (!keyEnforcedUnique && rules.key.length > 0) {
    for (const [name, unique] of selectRows(db, 'SELECT name, "unique" FROM pragma_index_list(?)', [table])) {
      if (Number(unique) !== 1) continue;
      const columns = selectRows(db, 'SELECT lower(name) FROM pragma_index_info(?)', [String(name)]).map((row) => String(row[0]));
      if (sameColumns(columns)) keyEnforcedUnique = true;
    }
  }
  return { rowKey: hasRowid ? ['rowid'] : primaryKey, declaredNotNull, hasRowid, keyEnforcedUnique };
}

/**
 * The number of distinct values of `reference.column` that point nowhere, read from an
 * index that starts with that column (in order, so DISTINCT streams), or null when there
 * is no such index. One parent lookup per distinct value instead of one per row.
 */
function danglingValuesViaIndex(db: Database, table: SnapshotTable, reference: Reference): number | null {
  const leading = selectRows(db, 'SELECT name FROM pragma_index_list(?)', [table]).some(
    ([name]) => selectValue(db, 'SELECT lower(name) FROM pragma_index_info(?) WHERE seqno = 0', [String(name)]) === reference.column,
  );
  if (!leading) return null;
  const column = q(reference.column);
  return Number(
    selectValue(
      db,
      `SELECT count(*) FROM (SELECT DISTINCT ${column} AS value FROM main.${q(table)} WHERE ${column} IS NOT NULL) d ` +
        `WHERE NOT EXISTS (SELECT 1 FROM main.${q(reference.parent)} p WHERE p.${q(reference.parentColumn)} = d.value)`,
    ),
  );
}

function duplicateCheck(rules: TableRules): RowCheck {
  const columns = rules.key.map((column) => q(column)).join(', ');
  const tuple = rules.key.length === 1 ? `t.${columns}` : `(${rules.key.map((column) => `t.${q(column)}`).join(', ')})`;
  const notNullKey = rules.key.map((column) => `${q(column)} IS NOT NULL`).join(' AND ');
  return {
    kind: 'duplicate-key',
    column: rules.key.join(', '),
    condition: `${tuple} IN (SELECT ${columns} FROM main.${q(rules.table)} WHERE ${notNullKey} GROUP BY ${columns} HAVING count(*) > 1)`,
    descriptionNl: `${rules.key.join(' + ')} komt meer dan eens voor`,
    descriptionEn: `${rules.key.join(' + ')} occurs more than once`,
    skip: true,
  };
}

function danglingCheck(reference: Reference, alias: string | null): RowCheck {
  const column = `t.${q(reference.column)}`;
  const missing =
    alias === null
      ? `NOT EXISTS (SELECT 1 FROM main.${q(reference.parent)} p WHERE p.${q(reference.parentColumn)} = ${column})`
      : `${alias}.${q(reference.parentColumn)} IS NULL`;
  return {
    kind: 'dangling-reference',
    column: reference.column,
    condition: `${column} IS NOT NULL AND ${missing}`,
    descriptionNl: `${reference.column} verwijst naar geen bestaande rij van ${reference.parent}`,
    descriptionEn: `${reference.column} refers to no existing row of ${reference.parent}`,
    skip: true,
  };
}

/**
 * Cascade: the row points at a parent row that exists but is skipped. Written as an IN
 * over the (few) skipped parents, so an index on the child's column finds the rows
 * without a scan; the NOT EXISTS keeps rows that also have a usable parent (a duplicate).
 */
function cascadeCheck(reference: Reference, parent: Storage): RowCheck {
  const column = `t.${q(reference.column)}`;
  const skipTable = `temp.${q(`skip_${reference.parent}`)}`;
  const keys = parent.hasRowid ? ['rowid'] : parent.rowKey;
  const skippedParent = parent.hasRowid
    ? `p.rowid IN (SELECT rid FROM ${skipTable})`
    : `(${keys.map((key) => `p.${q(key)}`).join(', ')}) IN (SELECT ${keys.map((key) => q(key)).join(', ')} FROM ${skipTable})`;
  return {
    kind: 'skipped-reference',
    column: reference.column,
    condition:
      `${column} IN (SELECT p.${q(reference.parentColumn)} FROM main.${q(reference.parent)} p WHERE ${skippedParent}) ` +
      `AND NOT EXISTS (SELECT 1 FROM temp.${q(`usable_${reference.parent}`)} u WHERE u.${q(reference.parentColumn)} = ${column})`,
    descriptionNl: `${reference.column} verwijst naar een overgeslagen rij van ${reference.parent}`,
    descriptionEn: `${reference.column} refers to a skipped row of ${reference.parent}`,
    skip: true,
  };
}

// ── running the checks ────────────────────────────────────────────────────────────────

export interface FindingsOutcome {
  findings: Finding[];
  /** Rows per table, counted in the same pass as the checks. */
  rowCounts: Partial<Record<SnapshotTable, number>>;
  skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>>;
  skippedKeys: Partial<Record<SnapshotTable, ReadonlySet<string>>>;
}

export interface FindingsOptions {
  /**
   * The database image the db was opened from (unchanged since). With it, each table is
   * first checked in one pass of the b-tree scanner (findings-scan.ts); SQL runs only for
   * tables where that pass is not certain the table is clean.
   */
  image?: Uint8Array;
  /** Called after each table is checked: tables done, tables in all. */
  onTable?: (done: number, total: number, table: SnapshotTable) => void;
}

/** The rules of a table as the scanner evaluates them. */
function scanRules(rules: TableRules, presentReferences: readonly Reference[]): ScanRules {
  return {
    table: rules.table,
    tests: rules.checks.map((check) => check.scan),
    references: presentReferences,
    ...(rules.table === 'portaal_inzage' && presentReferences[0] !== undefined ? { viewWindow: presentReferences[0] } : {}),
  };
}

/**
 * The checks of one opened snapshot, run table by table when first needed. A table is
 * checked together with the tables it references (parents first, in the order of RULES),
 * because its dangling and cascade findings depend on their skip sets; so the findings of a
 * checked table are final and equal to those of a run over every table. Until a table is
 * checked it has no TEMP skip table or usable view, so SQL that reads them fails loudly
 * instead of silently using every row.
 */
export class SnapshotChecks {
  private readonly rulesPresent: readonly TableRules[];
  private readonly scanner: FindingsScanner | null;
  /** Tables the scanner found certainly clean: no findings, nothing skipped. */
  private readonly scannedClean = new Set<SnapshotTable>();
  private readonly storages = new Map<SnapshotTable, Storage>();
  private readonly findingsByTable = new Map<SnapshotTable, Finding[]>();
  private readonly rowCounts: Partial<Record<SnapshotTable, number>> = {};
  private readonly skippedCount = new Map<SnapshotTable, number>();
  private readonly skippedRows: Partial<Record<SnapshotTable, ReadonlySet<number>>> = {};
  private readonly skippedKeys: Partial<Record<SnapshotTable, ReadonlySet<string>>> = {};
  /** Which (table, column) pairs other tables reference. */
  private readonly referenced = new Map<SnapshotTable, string>();
  /** Row counts of tables another thread's scanner found certainly clean (scan-aside.ts). */
  private readonly scannedAside = new Map<SnapshotTable, number>();

  constructor(
    private readonly db: Database,
    readonly present: readonly SnapshotTable[],
    private readonly options: FindingsOptions = {},
  ) {
    this.rulesPresent = RULES.filter((rules) => present.includes(rules.table));
    for (const rules of this.rulesPresent) this.storageFor(rules);
    for (const rules of this.rulesPresent) for (const reference of rules.references) this.referenced.set(reference.parent, reference.parentColumn);
    this.scanner = options.image === undefined ? null : FindingsScanner.create(db, options.image, this.referenced);
    // The analyses' facts read the same image through the scanner (table-scan.ts).
    if (options.image !== undefined) registerImage(db, options.image);
  }

  /** Whether every table present has been checked. */
  get complete(): boolean {
    return this.rulesPresent.every((rules) => this.findingsByTable.has(rules.table));
  }

  isChecked(table: SnapshotTable): boolean {
    return this.findingsByTable.has(table);
  }

  /** Whether a table present is stored with a rowid (its skipped rows are rowids, else keys). */
  hasRowid(table: SnapshotTable): boolean {
    return this.storages.get(table)?.hasRowid ?? false;
  }

  /** Check the given tables (and the tables they reference) unless done already. */
  check(tables: readonly SnapshotTable[]): void {
    const wanted = new Set<SnapshotTable>();
    const add = (table: SnapshotTable): void => {
      const rules = this.rulesPresent.find((candidate) => candidate.table === table);
      if (rules === undefined || wanted.has(table) || this.isChecked(table)) return;
      wanted.add(table);
      for (const reference of rules.references) add(reference.parent);
    };
    for (const table of tables) add(table);
    const pending = this.rulesPresent.filter((rules) => wanted.has(rules.table));
    for (const [index, rules] of pending.entries()) {
      this.checkTable(rules);
      this.options.onTable?.(index + 1, pending.length, rules.table);
    }
  }

  /**
   * Check `tables` (and the tables they reference), with each rider reading the rows of its
   * table: in the check's own pass where one is still to come, else in a pass of its own, in
   * the order of a full run (parents first). A rider not told `done` saw an incomplete table:
   * its check went to SQL (the table is not certainly clean) or took another thread's answer.
   */
  checkReading(tables: readonly SnapshotTable[], riders: ReadonlyMap<SnapshotTable, ScanRider>): void {
    for (const rules of this.rulesPresent) {
      const rider = riders.get(rules.table);
      if (!tables.includes(rules.table) || rider === undefined) continue;
      if (this.isChecked(rules.table)) {
        this.scanner?.read(rules.table, rider);
        continue;
      }
      this.scanner?.rideAlong(new Map([[rules.table, rider]]));
      try {
        this.check([rules.table]);
      } finally {
        this.scanner?.rideAlong(new Map());
      }
    }
    this.check(tables);
  }

  /**
   * What another thread needs to scan the tables of SCAN_ASIDE_TABLES that are present and
   * not checked yet, or null when there is nothing to scan aside (no scanner, no such table).
   */
  scanAsideRequest(): ScanAsideRequest | null {
    if (this.scanner === null || this.options.image === undefined) return null;
    const jobs = this.rulesPresent.filter((rules) => SCAN_ASIDE_TABLES.includes(rules.table) && !this.isChecked(rules.table));
    if (jobs.length === 0) return null;
    const parents = new Set<SnapshotTable>();
    const presentReferences = (rules: TableRules) => rules.references.filter((reference) => this.present.includes(reference.parent));
    for (const rules of jobs) {
      for (const reference of presentReferences(rules)) if (!SCAN_ASIDE_TABLES.includes(reference.parent)) parents.add(reference.parent);
    }
    return {
      image: this.options.image,
      referenced: this.referenced,
      parents: [...parents].map((table) => ({ table, layout: tableLayout(this.db, table) })),
      jobs: jobs.map((rules) => ({ rules: scanRules(rules, presentReferences(rules)), layout: tableLayout(this.db, rules.table) })),
    };
  }

  /**
   * Row counts another thread's scanner found certainly clean, used in place of this
   * thread's scan of those tables under the same conditions (checkTable).
   */
  acceptScannedAside(answer: ScanAsideAnswer): void {
    for (const [table, rows] of answer) if (rows !== null && !this.isChecked(table)) this.scannedAside.set(table, rows);
  }

  /** The findings of the checked tables among `tables`, in the order of a full run. */
  findingsOf(tables: readonly SnapshotTable[]): Finding[] {
    return this.rulesPresent.flatMap((rules) => (tables.includes(rules.table) ? (this.findingsByTable.get(rules.table) ?? []) : []));
  }

  /** Everything, once every table present is checked (checks what is left first). */
  outcome(): FindingsOutcome {
    this.check(this.present);
    return {
      findings: this.findingsOf(this.present),
      rowCounts: { ...this.rowCounts },
      skipped: { ...this.skippedRows },
      skippedKeys: { ...this.skippedKeys },
    };
  }

  /** The skipped rows of a rowid table (checked first); undefined for WITHOUT ROWID tables and absent ones. */
  skippedRowsOf(table: SnapshotTable): ReadonlySet<number> | undefined {
    this.check([table]);
    return this.skippedRows[table];
  }

  /** The skipped keys of a WITHOUT ROWID table (checked first); undefined otherwise. */
  skippedKeysOf(table: SnapshotTable): ReadonlySet<string> | undefined {
    this.check([table]);
    return this.skippedKeys[table];
  }

  private storageFor(rules: TableRules): Storage {
    let storage = this.storages.get(rules.table);
    if (storage === undefined) {
      storage = storageOf(this.db, rules);
      this.storages.set(rules.table, storage);
    }
    return storage;
  }

  private checkTable(rules: TableRules): void {
    const db = this.db;
    const storage = this.storageFor(rules);
    createSkipTable(db, rules.table, storage);
    const presentReferences = rules.references.filter((reference) => this.present.includes(reference.parent));
    const findings: Finding[] = [];
    // The fast path: one scan, when every parent is certainly clean and the key is enforced.
    let clean = false;
    if (
      this.scanner !== null &&
      presentReferences.every((reference) => this.scannedClean.has(reference.parent)) &&
      (rules.key.length === 0 || storage.keyEnforcedUnique)
    ) {
      const rows = this.scannedAside.get(rules.table) ?? this.scanner.cleanRowCount(scanRules(rules, presentReferences));
      if (rows !== null) {
        this.rowCounts[rules.table] = rows;
        this.skippedCount.set(rules.table, 0);
        this.scannedClean.add(rules.table);
        clean = true;
      }
    }
    if (!clean) {
      const { direct, joins } = planPass(db, rules, this.storages, presentReferences, this.skippedCount);
      const pass = runChecks(db, rules, storage, direct, joins);
      this.rowCounts[rules.table] = pass.rows;
      findings.push(...pass.findings);
      // Cascade only from parents that lost rows; their own checks are complete by now.
      for (const reference of presentReferences) {
        if ((this.skippedCount.get(reference.parent) ?? 0) === 0 || pass.rows === 0) continue;
        const cascade = cascadeCheck(reference, this.storages.get(reference.parent)!);
        findings.push(...runChecks(db, rules, storage, [cascade], [], cascade.condition).findings);
      }
      this.skippedCount.set(rules.table, Number(selectValue(db, `SELECT count(*) FROM temp.${q(`skip_${rules.table}`)}`)));
    }
    const rows = this.skippedCount.get(rules.table) === 0 ? [] : selectRows(db, `SELECT * FROM temp.${q(`skip_${rules.table}`)}`);
    if (storage.hasRowid) this.skippedRows[rules.table] = new Set(rows.map((row) => Number(row[0])));
    else this.skippedKeys[rules.table] = new Set(rows.map((row) => row.map((value) => String(value)).join('/')));
    // Last, so a check that throws leaves the table unchecked rather than half done.
    this.findingsByTable.set(rules.table, findings);
  }
}

const checksByDatabase = new WeakMap<Database, (tables: readonly SnapshotTable[]) => void>();

/** Let SQL helpers that only hold the database check a table before they read its skip table. */
export function registerChecks(db: Database, ensure: (tables: readonly SnapshotTable[]) => void): void {
  checksByDatabase.set(db, ensure);
}

/**
 * Check `tables` of the snapshot this database belongs to, if it was opened with checks
 * when needed and they have not run yet. A database without registered checks (a test
 * fixture that plays the loader) is left as it is.
 */
export function ensureChecked(db: Database, tables: readonly SnapshotTable[]): void {
  checksByDatabase.get(db)?.(tables);
}

/**
 * The TEMP view of the rows of `table` the analyses may use (`temp.usable_<table>`), for SQL
 * that reads it directly. The table is checked first (ensureChecked), so on a snapshot opened
 * with checks when needed the view exists and leaves out exactly the rows a full check skips.
 */
export function usableView(db: Database, table: SnapshotTable): string {
  ensureChecked(db, [table]);
  return `temp.usable_${table}`;
}

/** Run every check on the tables present; creates the TEMP skip tables and usable views. */
export function runFindings(db: Database, present: readonly SnapshotTable[], options: FindingsOptions = {}): FindingsOutcome {
  return new SnapshotChecks(db, present, options).outcome();
}

/**
 * The checks and joins of a table's counting pass. A reference whose column leads an index
 * is checked on its distinct values first; when none dangles it needs no per-row work at
 * all (unless another check uses its row). A parent whose key is unique is LEFT JOINed
 * once per row; other parents are probed with EXISTS.
 */
function planPass(
  db: Database,
  rules: TableRules,
  storages: ReadonlyMap<SnapshotTable, Storage>,
  presentReferences: readonly Reference[],
  skippedCount: ReadonlyMap<SnapshotTable, number>,
): { direct: RowCheck[]; joins: string[] } {
  const storage = storages.get(rules.table)!;
  const windowReference = rules.table === 'portaal_inzage' ? presentReferences[0] : undefined;
  const references = presentReferences.filter(
    (reference) => reference === windowReference || danglingValuesViaIndex(db, rules.table, reference) !== 0,
  );
  const aliases = new Map<Reference, string>();
  references.forEach((reference, index) => {
    const parent = storages.get(reference.parent)!;
    const parentRules = RULES.find((candidate) => candidate.table === reference.parent)!;
    if (parent.keyEnforcedUnique && parentRules.key.length === 1 && parentRules.key[0] === reference.parentColumn) {
      aliases.set(reference, `r${index}`);
    }
  });
  const context: PassContext = {
    joined: (reference) => aliases.get(reference) ?? null,
    skippedCount: (table) => skippedCount.get(table) ?? 0,
  };
  const joins = [...aliases].map(
    ([reference, alias]) =>
      `LEFT JOIN main.${q(reference.parent)} AS ${alias} ON ${alias}.${q(reference.parentColumn)} = t.${q(reference.column)}`,
  );
  const direct = [
    ...rules.checks.filter((check) => check.notNullOf === undefined || !storage.declaredNotNull.has(check.notNullOf)),
    ...(rules.key.length > 0 && !storage.keyEnforcedUnique ? [duplicateCheck(rules)] : []),
    ...references.map((reference) => danglingCheck(reference, context.joined(reference))),
    ...(windowReference === undefined ? [] : [viewOutsideWindow(context, windowReference)]),
  ];
  return { direct, joins };
}

function createSkipTable(db: Database, table: SnapshotTable, storage: Storage): void {
  const skipTable = `temp.${q(`skip_${table}`)}`;
  if (storage.hasRowid) {
    db.run(`CREATE TEMP TABLE ${q(`skip_${table}`)} (rid INTEGER PRIMARY KEY)`);
    db.run(`CREATE TEMP VIEW ${q(`usable_${table}`)} AS SELECT * FROM main.${q(table)} WHERE rowid NOT IN (SELECT rid FROM ${skipTable})`);
    return;
  }
  const columns = storage.rowKey.map((column) => q(column)).join(', ');
  const tuple = storage.rowKey.length === 1 ? columns : `(${columns})`;
  db.run(`CREATE TEMP TABLE ${q(`skip_${table}`)} (${columns}, PRIMARY KEY (${columns})) WITHOUT ROWID`);
  db.run(`CREATE TEMP VIEW ${q(`usable_${table}`)} AS SELECT * FROM main.${q(table)} WHERE ${tuple} NOT IN (SELECT ${columns} FROM ${skipTable})`);
}

function exampleExpression(rules: TableRules, storage: Storage): string {
  const keyText =
    rules.key.length === 0 ? null : rules.key.map((column) => `CAST(t.${q(column)} AS TEXT)`).join(` || '/' || `);
  const rowidText = storage.hasRowid ? `'rowid:' || t.rowid` : null;
  if (keyText !== null && rowidText !== null) return `coalesce(${keyText}, ${rowidText})`;
  return keyText ?? rowidText ?? `'?'`;
}

const BAD_ROWS = 'findings_bad_rows';

/**
 * One counting pass over the table (all checks and the row count at once); only when a
 * check found rows, one more pass that copies the bad rows with a bit per check into a
 * TEMP table, from which examples and skip sets are taken.
 */
function runChecks(
  db: Database,
  rules: TableRules,
  storage: Storage,
  checks: RowCheck[],
  joins: string[],
  /** Only look at rows that match this condition (lets an index find them); `rows` then counts those. */
  where?: string,
): { rows: number; findings: Finding[] } {
  const from = `FROM main.${q(rules.table)} AS t ${joins.join(' ')}${where === undefined ? '' : ` WHERE ${where}`}`;
  const sums = checks.map((check) => `coalesce(sum(CASE WHEN ${check.condition} THEN 1 ELSE 0 END), 0)`);
  const counted = selectRows(db, `SELECT count(*)${sums.map((sum) => `, ${sum}`).join('')} ${from}`)[0] ?? [];
  const rows = Number(counted[0] ?? 0);
  const counts = checks.map((_, index) => Number(counted[index + 1] ?? 0));
  const hits = checks.map((check, index) => ({ check, count: counts[index]!, bit: 2 ** index })).filter((hit) => hit.count > 0);
  if (hits.length === 0) return { rows, findings: [] };

  const mask = hits.map((hit) => `(CASE WHEN ${hit.check.condition} THEN ${hit.bit} ELSE 0 END)`).join(' | ');
  const keyColumns = storage.rowKey.map((column, index) => `t.${q(column)} AS k${index}`).join(', ');
  db.run(`DROP TABLE IF EXISTS temp.${BAD_ROWS}`);
  // Ordered by row key so that the examples are the first bad rows of the table, whatever index the scan used.
  const order = storage.rowKey.map((_, index) => `k${index}`).join(', ');
  db.run(
    `CREATE TEMP TABLE ${BAD_ROWS} AS SELECT * FROM (SELECT ${keyColumns}, ${exampleExpression(rules, storage)} AS example, ` +
      `${mask} AS mask ${from}) WHERE mask <> 0 ORDER BY ${order}`,
  );
  try {
    const skipBits = hits.filter((hit) => hit.check.skip).reduce((bits, hit) => bits + hit.bit, 0);
    if (skipBits > 0) {
      const keys = storage.rowKey.map((_, index) => `k${index}`).join(', ');
      db.run(`INSERT OR IGNORE INTO temp.${q(`skip_${rules.table}`)} SELECT ${keys} FROM temp.${BAD_ROWS} WHERE mask & ${skipBits} <> 0`);
    }
    return {
      rows,
      findings: hits.map(({ check, count, bit }) => ({
        kind: check.kind,
        table: rules.table,
        ...(check.column === undefined ? {} : { column: check.column }),
        descriptionNl: check.descriptionNl,
        descriptionEn: check.descriptionEn,
        count,
        examples: selectRows(db, `SELECT DISTINCT example FROM temp.${BAD_ROWS} WHERE mask & ${bit} <> 0 LIMIT ${EXAMPLE_LIMIT}`).map(
          (row) => String(row[0]),
        ),
        skipped: check.skip,
      })),
    };
  } finally {
    db.run(`DROP TABLE temp.${BAD_ROWS}`);
  }
}
