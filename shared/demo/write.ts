// Writes a generated model into a fresh in-memory SQLite database (sql.js) that follows
// snapshot-v1.sql: the schema first, then every table with prepared statements inside one
// transaction, and returns the database file bytes. Nothing touches a disk.
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { SNAPSHOT_SCHEMA_SQL } from '../snapshot/schema';
import { instantFromSeconds as instantOf, isoDate } from './dates';
import type { DemoModel, Person } from './model';
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

export function personId(index: number): string {
  return `P${String(index + 1).padStart(7, '0')}`;
}

export function writeModel(sql: SqlJsStatic, model: DemoModel, meta: Readonly<Record<string, string>>): Uint8Array {
  const db = new sql.Database();
  try {
    db.run(SNAPSHOT_SCHEMA_SQL);
    db.run('BEGIN');
    insertRows(db, 'INSERT INTO meta (key, value) VALUES (?, ?)', Object.entries(meta));
    insertRows(db, 'INSERT INTO gemeente (code, naam, provincie) VALUES (?, ?, NULL)', GEMEENTEN_2023.map(([code, naam]) => [code, naam]));
    const persons = [...model.persons].sort((left, right) => ((left.id as string) < (right.id as string) ? -1 : 1));
    insertRows(
      db,
      'INSERT INTO inburgeraar (id, stelsel, doelgroep, plicht_start, termijn_einde, gemeente_code, status, status_datum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      persons.map((person) => [
        person.id as string, person.stelsel, person.doelgroep, isoDate(person.plichtStart), dateOrNull(person.termijnEinde),
        person.gemeente, person.status, dateOrNull(person.statusDatum),
      ]),
    );
    insertRows(db, 'INSERT INTO lening_betaling (inburgeraar_id, datum, bedrag_cent) VALUES (?, ?, ?)', paymentRows(persons));
    insertRows(
      db,
      'INSERT INTO termijnoverschrijding (id, inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      model.overruns.map((overrun, index) => [
        index + 1, overrun.person.id as string, isoDate(overrun.termijnEinde), dateOrNull(overrun.aankondiging),
        dateOrNull(overrun.afspraak), overrun.besluit, dateOrNull(overrun.besluitOp), overrun.boeteCent,
      ]),
    );
    insertRows(
      db,
      'INSERT INTO dwangbevel (id, inburgeraar_id, soort, gereed_op, cjib_op) VALUES (?, ?, ?, ?, ?)',
      model.orders.map((order, index) => [index + 1, order.person.id as string, order.soort, isoDate(order.gereed), dateOrNull(order.cjib)]),
    );
    insertRows(
      db,
      'INSERT INTO gegevenscategorie (code, omschrijving, bijzonder) VALUES (?, ?, ?)',
      CATEGORIES.map((category) => [category.code, category.omschrijving, category.bijzonder]),
    );
    insertRows(
      db,
      'INSERT INTO portaal_signaal (id, inburgeraar_id, gemeente_code, stelsel, zichtbaar_vanaf, zichtbaar_tot) VALUES (?, ?, ?, ?, ?, ?)',
      model.signals.map((signal, index) => [
        index + 1, signal.person.id as string, signal.gemeente, signal.stelsel, instantOf(signal.from),
        signal.until === null ? null : instantOf(signal.until),
      ]),
    );
    insertRows(
      db,
      'INSERT INTO signaal_gegeven (signaal_id, categorie) VALUES (?, ?)',
      model.signals.flatMap((signal, index) => signal.categories.map((category) => [index + 1, category])),
    );
    insertRows(
      db,
      'INSERT INTO portaal_inzage (signaal_id, ingezien_op, gebruiker) VALUES (?, ?, ?)',
      model.signals.flatMap((signal, index) => signal.views.map((view) => [index + 1, instantOf(view.at), view.user])),
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
      model.notices.map((notice) => [notice.person.id as string, notice.stelsel, isoDate(notice.day)]),
    );
    insertRows(
      db,
      'INSERT INTO ind_levering (inburgeraar_id, vergunning_op, geleverd_op) VALUES (?, ?, ?)',
      model.deliveries.map((delivery) => [delivery.person.id as string, isoDate(delivery.vergunning), dateOrNull(delivery.geleverd)]),
    );
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

function* paymentRows(persons: readonly Person[]): Generator<SqlValue[]> {
  for (const person of persons) {
    for (const [day, cents] of person.payments) yield [person.id as string, isoDate(day), cents];
  }
}
