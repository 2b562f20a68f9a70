// Writes a generated model into a fresh in-memory SQLite database (sql.js) that follows
// snapshot-v1.sql: the schema first, then every table with prepared statements inside one
// transaction, and returns the database file bytes. Nothing touches a disk.
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { SNAPSHOT_SCHEMA_SQL } from '../snapshot/schema';
import { instantFromSeconds as instantOf, isoDate } from './dates';
import type { DemoModel, Person, Signal } from './model';
import { GEMEENTEN_2023 } from './gemeenten-2023';
import { CATEGORIES } from './portaal';

const dateOrNull = (day: number | null): string | null => (day === null ? null : isoDate(day));

/** Runs a prepared INSERT for one row (bind/step/reset is faster than Statement.run). */
export function insertRow(statement: Statement, row: SqlValue[]): void {
  statement.bind(row);
  statement.step();
  statement.reset();
}

/** Runs one prepared INSERT per row. */
export function insertRows(db: Database, sql: string, rows: Iterable<SqlValue[]>): void {
  const statement = db.prepare(sql);
  try {
    for (const row of rows) insertRow(statement, row);
  } finally {
    statement.free();
  }
}

/** Rows made one at a time, so a table's rows never sit in memory all at once. */
function* mapRows<T>(items: readonly T[], row: (item: T, index: number) => SqlValue[]): Generator<SqlValue[]> {
  for (let index = 0; index < items.length; index++) yield row(items[index] as T, index);
}

export function personId(index: number): string {
  return `P${String(index + 1).padStart(7, '0')}`;
}

export function writeModel(sql: SqlJsStatic, model: DemoModel, meta: Readonly<Record<string, string>>): Uint8Array {
  const db = new sql.Database();
  try {
    db.run(SNAPSHOT_SCHEMA_SQL);
    // Loading is faster without a journal and with the indexes built afterwards; they are
    // rebuilt from their own stored text, so the schema stays exactly snapshot-v1.sql.
    db.run('PRAGMA journal_mode = OFF');
    db.run('PRAGMA cache_size = -262144');
    const indexes = (db.exec("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")[0]?.values ?? [])
      .map(([name, text]) => ({ name: String(name), text: String(text) }));
    for (const index of indexes) db.run(`DROP INDEX "${index.name}"`);
    db.run('BEGIN');
    insertRows(db, 'INSERT INTO meta (key, value) VALUES (?, ?)', Object.entries(meta));
    insertRows(db, 'INSERT INTO gemeente (code, naam, provincie) VALUES (?, ?, NULL)', GEMEENTEN_2023.map(([code, naam]) => [code, naam]));
    const persons = [...model.persons].sort((left, right) => ((left.id as string) < (right.id as string) ? -1 : 1));
    insertRows(
      db,
      'INSERT INTO inburgeraar (id, stelsel, doelgroep, plicht_start, termijn_einde, gemeente_code, status, status_datum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      mapRows(persons, (person) => [
        person.id as string, person.stelsel, person.doelgroep, isoDate(person.plichtStart), dateOrNull(person.termijnEinde),
        person.gemeente, person.status, dateOrNull(person.statusDatum),
      ]),
    );
    insertRows(db, 'INSERT INTO lening_betaling (inburgeraar_id, datum, bedrag_cent) VALUES (?, ?, ?)', paymentRows(persons));
    insertRows(
      db,
      'INSERT INTO termijnoverschrijding (id, inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      mapRows(model.overruns, (overrun, index) => [
        index + 1, overrun.person.id as string, isoDate(overrun.termijnEinde), dateOrNull(overrun.aankondiging),
        dateOrNull(overrun.afspraak), overrun.besluit, dateOrNull(overrun.besluitOp), overrun.boeteCent,
      ]),
    );
    insertRows(
      db,
      'INSERT INTO dwangbevel (id, inburgeraar_id, soort, gereed_op, cjib_op) VALUES (?, ?, ?, ?, ?)',
      mapRows(model.orders, (order, index) => [index + 1, order.person.id as string, order.soort, isoDate(order.gereed), dateOrNull(order.cjib)]),
    );
    insertRows(
      db,
      'INSERT INTO gegevenscategorie (code, omschrijving, bijzonder) VALUES (?, ?, ?)',
      CATEGORIES.map((category) => [category.code, category.omschrijving, category.bijzonder]),
    );
    insertRows(
      db,
      'INSERT INTO portaal_signaal (id, inburgeraar_id, gemeente_code, stelsel, zichtbaar_vanaf, zichtbaar_tot) VALUES (?, ?, ?, ?, ?, ?)',
      mapRows(model.signals, (signal, index) => [
        index + 1, signal.person.id as string, signal.gemeente, signal.stelsel, instantOf(signal.from),
        signal.until === null ? null : instantOf(signal.until),
      ]),
    );
    insertRows(
      db,
      'INSERT INTO signaal_gegeven (signaal_id, categorie) VALUES (?, ?)',
      signalChildren(model, (signal, id) => signal.categories.map((category) => [id, category])),
    );
    insertRows(
      db,
      'INSERT INTO portaal_inzage (signaal_id, ingezien_op, gebruiker) VALUES (?, ?, ?)',
      signalChildren(model, (signal, id) => signal.views.map((view) => [id, instantOf(view.at), view.user])),
    );
    insertRows(
      db,
      'INSERT INTO incident (id, titel, soort, ontdekt_op, gemeld_ap_op, gemeenten_geinformeerd_op, betrokkenen_geinformeerd_op, beschrijving) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      model.incidents.map((incident) => [
        incident.id, incident.titel, incident.soort, incident.ontdektOp, incident.gemeldApOp, incident.gemeentenGeinformeerdOp,
        incident.betrokkenenGeinformeerdOp, incident.beschrijving,
      ]),
    );
    insertRows(
      db,
      'INSERT INTO kennisgeving (inburgeraar_id, stelsel, verzonden_op) VALUES (?, ?, ?)',
      mapRows(model.notices, (notice) => [notice.person.id as string, notice.stelsel, isoDate(notice.day)]),
    );
    insertRows(
      db,
      'INSERT INTO ind_levering (inburgeraar_id, vergunning_op, geleverd_op) VALUES (?, ?, ?)',
      mapRows(model.deliveries, (delivery) => [delivery.person.id as string, isoDate(delivery.vergunning), dateOrNull(delivery.geleverd)]),
    );
    for (const index of indexes) db.run(index.text);
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

function* signalChildren(model: DemoModel, rows: (signal: Signal, id: number) => SqlValue[][]): Generator<SqlValue[]> {
  for (let index = 0; index < model.signals.length; index++) yield* rows(model.signals[index] as Signal, index + 1);
}

function* paymentRows(persons: readonly Person[]): Generator<SqlValue[]> {
  for (const person of persons) {
    for (const [day, cents] of person.payments) yield [person.id as string, isoDate(day), cents];
  }
}
