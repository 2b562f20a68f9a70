// The causes a change between two snapshots is attributed to, in priority order, and how
// one person's rows in the old and the new snapshot are classified into them. A person
// whose contribution to a cell changed is attributed to exactly one cause: the first of
// CAUSES (priority) that the person's rows show. Definitions: docs/DIFF.md.
import type { Database, SqlValue } from 'sql.js';
import { usableView } from '../snapshot/findings';
import { forEachRow } from '../snapshot/sql';
import { endOfDay } from './contributions';

export const CAUSES = [
  'nieuw', // the person is only in the new snapshot
  'verwijderd', // the person is only in the old snapshot
  'laat_geleverd', // the new snapshot has rows dated on or before the old peildatum that the old one lacked
  'correctie', // negative payments new in the new snapshot, changed amounts, rows of the old snapshot withdrawn
  'status_datum', // changed status, dates or other fields of the person or of an existing row
  'gemeente', // changed municipality of the person
  'later', // rows or dates after the old peildatum (time went on; matters only for a later peildatum)
  'overig', // none of the person's own rows differ (reference tables, or the parameters alone)
] as const;
export type Cause = (typeof CAUSES)[number];

export const CAUSE_LABELS: Readonly<Record<Cause, { nl: string; en: string }>> = {
  nieuw: { nl: 'Nieuw in de nieuwe snapshot', en: 'New in the new snapshot' },
  verwijderd: { nl: 'Verwijderd (alleen in de oude snapshot)', en: 'Removed (only in the old snapshot)' },
  laat_geleverd: { nl: 'Laat geleverd (gedateerd tot en met de oude peildatum)', en: 'Delivered late (dated on or before the old peildatum)' },
  correctie: { nl: 'Correcties (negatieve betalingen, gewijzigde bedragen)', en: 'Corrections (negative payments, changed amounts)' },
  status_datum: { nl: 'Gewijzigde status of datums', en: 'Changed status or dates' },
  gemeente: { nl: 'Gewijzigde gemeente', en: 'Changed municipality' },
  later: { nl: 'Latere gebeurtenissen (na de oude peildatum)', en: 'Later events (after the old peildatum)' },
  overig: { nl: 'Geen wijziging in de eigen gegevens', en: 'No change in the person\u2019s own data' },
};

/** One person's rows in one snapshot, as canonical text per kind (never leaves this module). */
interface Profile {
  attributes: string;
  status: { status: string; date: string | null };
  gemeente: string | null;
  /** datum → amounts, sorted. */
  payments: Map<string, number[]>;
  /** termijn_einde#n → fields; besluit fields and boete_cent apart. */
  overruns: Map<string, { fields: (string | null)[]; amount: number | null }>;
  /** soort|gereed_op#n → cjib_op. */
  orders: Map<string, string | null>;
  /** stelsel|vanaf#n → municipality, until, categories, views. */
  signals: Map<string, { gemeente: string; until: string | null; categories: string; views: string[] }>;
}

const text = (value: SqlValue): string | null => (value === null ? null : String(value));

function numbered(map: Map<string, unknown>, key: string): string {
  let n = 0;
  while (map.has(`${key}#${n}`)) n++;
  return `${key}#${n}`;
}

function readProfiles(db: Database, ids: readonly string[]): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  const json = JSON.stringify(ids);
  const run = (sql: string, visit: (row: SqlValue[]) => void): void => forEachRow(db, sql, visit, [json]);
  run(
    `SELECT id, stelsel, doelgroep, plicht_start, termijn_einde, gemeente_code, status, status_datum
       FROM ${usableView(db, 'inburgeraar')} WHERE id IN (SELECT value FROM json_each(?))`,
    ([id, stelsel, doelgroep, start, deadline, gemeente, status, statusDate]) => {
      profiles.set(String(id), {
        attributes: JSON.stringify([stelsel, doelgroep, start, deadline]),
        status: { status: String(status), date: text(statusDate ?? null) },
        gemeente: text(gemeente ?? null),
        payments: new Map(), overruns: new Map(), orders: new Map(), signals: new Map(),
      });
    },
  );
  run(
    `SELECT inburgeraar_id, datum, bedrag_cent FROM ${usableView(db, 'lening_betaling')}
      WHERE inburgeraar_id IN (SELECT value FROM json_each(?)) ORDER BY inburgeraar_id, datum, bedrag_cent`,
    ([id, date, cents]) => {
      const payments = profiles.get(String(id))?.payments;
      if (payments === undefined) return;
      const list = payments.get(String(date)) ?? [];
      list.push(Number(cents));
      payments.set(String(date), list);
    },
  );
  run(
    `SELECT inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent
       FROM ${usableView(db, 'termijnoverschrijding')} WHERE inburgeraar_id IN (SELECT value FROM json_each(?))
      ORDER BY inburgeraar_id, termijn_einde, aankondiging_op, besluit_op, id`,
    ([id, deadline, announced, appointment, decision, decided, amount]) => {
      const overruns = profiles.get(String(id))?.overruns;
      if (overruns === undefined) return;
      overruns.set(numbered(overruns, String(deadline)), {
        fields: [text(announced ?? null), text(appointment ?? null), text(decision ?? null), text(decided ?? null)],
        amount: amount === null || amount === undefined ? null : Number(amount),
      });
    },
  );
  const hasOrders = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dwangbevel'").length > 0;
  if (hasOrders) {
    run(
      `SELECT inburgeraar_id, soort, gereed_op, cjib_op FROM ${usableView(db, 'dwangbevel')}
        WHERE inburgeraar_id IN (SELECT value FROM json_each(?)) ORDER BY inburgeraar_id, soort, gereed_op, cjib_op`,
      ([id, kind, ready, handed]) => {
        const orders = profiles.get(String(id))?.orders;
        if (orders !== undefined) orders.set(numbered(orders, `${String(kind)}|${String(ready)}`), text(handed ?? null));
      },
    );
  }
  run(
    `SELECT s.inburgeraar_id, s.gemeente_code, s.stelsel, s.zichtbaar_vanaf, s.zichtbaar_tot,
            (SELECT group_concat(categorie, ',') FROM (SELECT c.categorie FROM ${usableView(db, 'signaal_gegeven')} c
              WHERE c.signaal_id = s.id ORDER BY c.categorie)),
            (SELECT group_concat(seen, ',') FROM (SELECT v.ingezien_op || '|' || v.gebruiker AS seen
               FROM ${usableView(db, 'portaal_inzage')} v WHERE v.signaal_id = s.id ORDER BY seen))
       FROM ${usableView(db, 'portaal_signaal')} s WHERE s.inburgeraar_id IN (SELECT value FROM json_each(?))
      ORDER BY s.inburgeraar_id, s.stelsel, s.zichtbaar_vanaf, s.gemeente_code, s.zichtbaar_tot, s.id`,
    ([id, gemeente, stelsel, from, until, categories, views]) => {
      const signals = profiles.get(String(id))?.signals;
      if (signals === undefined) return;
      signals.set(numbered(signals, `${String(stelsel)}|${String(from)}`), {
        gemeente: String(gemeente),
        until: text(until ?? null),
        categories: String(categories ?? ''),
        views: views === null || views === undefined || views === '' ? [] : String(views).split(','),
      });
    },
  );
  return profiles;
}

/** Added and removed values of two multisets. */
function multisetDifference<T>(before: readonly T[], after: readonly T[]): { added: T[]; removed: T[] } {
  const remaining = [...before];
  const added: T[] = [];
  for (const value of after) {
    const index = remaining.indexOf(value);
    if (index >= 0) remaining.splice(index, 1);
    else added.push(value);
  }
  return { added, removed: remaining };
}

/** The kinds of change between a person's old and new rows; `oldPeildatum` divides late from later. */
function changeKinds(before: Profile, after: Profile, oldPeildatum: string): Set<Cause> {
  const kinds = new Set<Cause>();
  const oldEnd = endOfDay(oldPeildatum);
  // A field filled in after the old peildatum is time going on; any other change is a change.
  const fieldChange = (was: string | null, now: string | null): void => {
    if (was === now) return;
    kinds.add(was === null && now !== null && now.slice(0, 10) > oldPeildatum ? 'later' : 'status_datum');
  };
  if (before.gemeente !== after.gemeente) kinds.add('gemeente');
  if (before.attributes !== after.attributes) kinds.add('status_datum');
  if (before.status.status !== after.status.status || before.status.date !== after.status.date) {
    kinds.add(before.status.status === 'lopend' && after.status.date !== null && after.status.date > oldPeildatum ? 'later' : 'status_datum');
  }
  for (const date of new Set([...before.payments.keys(), ...after.payments.keys()])) {
    const was = before.payments.get(date) ?? [];
    const now = after.payments.get(date) ?? [];
    const { added, removed } = multisetDifference(was, now);
    if (removed.length > 0 || (was.length > 0 && added.length > 0)) kinds.add('correctie');
    else for (const cents of added) kinds.add(date > oldPeildatum ? 'later' : cents < 0 ? 'correctie' : 'laat_geleverd');
  }
  for (const [key, now] of after.overruns) {
    const was = before.overruns.get(key);
    if (was === undefined) {
      kinds.add(key.slice(0, 10) <= oldPeildatum ? 'laat_geleverd' : 'later');
      continue;
    }
    // A fine amount set with a decision after the old peildatum is part of that later decision.
    if (was.amount !== now.amount && !(was.amount === null && (now.fields[3] ?? '') > oldPeildatum)) kinds.add('correctie');
    // Fields: announced, appointment, decision, decided on; a decision is dated by its date.
    [0, 1, 3].forEach((index) => fieldChange(was.fields[index] ?? null, now.fields[index] ?? null));
    if (was.fields[2] !== now.fields[2] && was.fields[3] === now.fields[3]) kinds.add('status_datum');
  }
  for (const key of before.overruns.keys()) if (!after.overruns.has(key)) kinds.add('correctie');
  for (const [key, now] of after.orders) {
    if (!before.orders.has(key)) kinds.add(key.slice(key.indexOf('|') + 1, key.indexOf('|') + 11) <= oldPeildatum ? 'laat_geleverd' : 'later');
    else fieldChange(before.orders.get(key) ?? null, now);
  }
  for (const key of before.orders.keys()) if (!after.orders.has(key)) kinds.add('correctie');
  for (const [key, now] of after.signals) {
    const was = before.signals.get(key);
    const from = key.slice(key.lastIndexOf('|') + 1, key.lastIndexOf('#'));
    if (was === undefined) {
      kinds.add(from < oldEnd ? 'laat_geleverd' : 'later');
      continue;
    }
    if (was.gemeente !== now.gemeente) kinds.add('gemeente');
    if (was.categories !== now.categories) kinds.add('status_datum');
    if (was.until !== now.until) kinds.add(was.until === null && now.until !== null && now.until >= oldEnd ? 'later' : 'status_datum');
    const { added, removed } = multisetDifference(was.views, now.views);
    if (removed.length > 0) kinds.add('correctie');
    for (const view of added) kinds.add(view < oldEnd ? 'laat_geleverd' : 'later');
  }
  for (const key of before.signals.keys()) if (!after.signals.has(key)) kinds.add('correctie');
  return kinds;
}

/**
 * The one cause of each person, by priority: `nieuw` / `verwijderd` for a person in one
 * snapshot only, else the first cause of CAUSES among the kinds of change in their rows.
 */
export function attributeCauses(oldDb: Database, newDb: Database, ids: readonly string[], oldPeildatum: string): Map<string, Cause> {
  const before = readProfiles(oldDb, ids);
  const after = readProfiles(newDb, ids);
  const causes = new Map<string, Cause>();
  for (const id of ids) {
    const was = before.get(id);
    const now = after.get(id);
    if (was === undefined && now === undefined) causes.set(id, 'overig');
    else if (was === undefined) causes.set(id, 'nieuw');
    else if (now === undefined) causes.set(id, 'verwijderd');
    else {
      const kinds = changeKinds(was, now, oldPeildatum);
      causes.set(id, CAUSES.find((cause) => kinds.has(cause)) ?? 'overig');
    }
  }
  return causes;
}
