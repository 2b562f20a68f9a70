// The plain, obviously-correct version of datalek-gemeenten and datalek-categorieen: every
// row read as it is, sets and sorted interval lists, straight from the definitions of
// snapshot-v1.md. Slow on purpose; the property tests compare the fast analyses with it.
// It reads the loader's TEMP views `temp.usable_<table>` (rows not skipped; usableView checks
// the table first when the snapshot was opened with checks when needed), where the fast
// version checks the skipped sets itself, so the two also check each other on skipping.
import type { SqlValue } from 'sql.js';
import { usableView } from '../../snapshot/findings';
import type { OpenedSnapshot } from '../../snapshot/types';
import type { TableRow } from '../../tables/model';

const rowsOf = (snapshot: OpenedSnapshot, sql: string): SqlValue[][] => snapshot.db.exec(sql)[0]?.values ?? [];
const seconds = (instant: string): number => Date.parse(instant) / 1000;
const instant = (value: number): string => new Date(value * 1000).toISOString().replace('.000Z', 'Z');

interface UnlawfulSignal {
  person: string;
  municipality: string;
  start: number;
  end: number;
  overgangsrecht: boolean;
  adreskoppeling: boolean;
  categories: string[];
}

export function referenceDatalek(snapshot: OpenedSnapshot, peildatum: string): { gemeenten: TableRow[]; categorieen: TableRow[] } {
  const endOfP = seconds(`${peildatum}T00:00:00Z`) + 86_400;
  const municipalities = new Map<string, string>();
  for (const [code, name] of rowsOf(snapshot, `SELECT code, naam FROM ${usableView(snapshot.db, 'gemeente')}`)) {
    municipalities.set(String(code), String(name));
  }
  const categories = new Map<string, { omschrijving: string; bijzonder: boolean }>();
  for (const [code, description, special] of rowsOf(snapshot, `SELECT code, omschrijving, bijzonder FROM ${usableView(snapshot.db, 'gegevenscategorie')}`)) {
    categories.set(String(code), { omschrijving: String(description), bijzonder: Number(special) === 1 });
  }
  const persons = new Map<string, { stelsel: string; gemeente: string | null }>();
  for (const [id, stelsel, gemeente] of rowsOf(snapshot, `SELECT id, stelsel, gemeente_code FROM ${usableView(snapshot.db, 'inburgeraar')}`)) {
    persons.set(String(id), { stelsel: String(stelsel), gemeente: gemeente === null ? null : String(gemeente) });
  }
  const categoriesOfSignal = new Map<number, string[]>();
  for (const [signal, category] of rowsOf(snapshot, `SELECT signaal_id, categorie FROM ${usableView(snapshot.db, 'signaal_gegeven')}`)) {
    if (!categories.has(String(category))) continue;
    const list = categoriesOfSignal.get(Number(signal)) ?? [];
    list.push(String(category));
    categoriesOfSignal.set(Number(signal), list);
  }

  // Unlawful signals visible before the end of P, with their window cut at it.
  const signals = new Map<number, UnlawfulSignal>();
  const signalRows = rowsOf(snapshot, `SELECT id, inburgeraar_id, gemeente_code, stelsel, zichtbaar_vanaf, zichtbaar_tot FROM ${usableView(snapshot.db, 'portaal_signaal')}`);
  for (const [id, personId, gemeente, stelsel, from, to] of signalRows) {
    const person = persons.get(String(personId));
    if (person === undefined || !municipalities.has(String(gemeente))) continue;
    const overgangsrecht = String(stelsel) !== person.stelsel;
    const adreskoppeling = person.gemeente === null || person.gemeente !== String(gemeente);
    if (!overgangsrecht && !adreskoppeling) continue;
    const start = seconds(String(from));
    if (start >= endOfP) continue;
    const end = Math.min(to === null ? endOfP : seconds(String(to)), endOfP);
    signals.set(Number(id), {
      person: String(personId), municipality: String(gemeente), start, end: Math.max(start, end), overgangsrecht, adreskoppeling,
      categories: categoriesOfSignal.get(Number(id)) ?? [],
    });
  }

  const perMunicipality = new Map<string, {
    persons: Set<string>; viewed: Set<string>; views: number; users: Set<string>;
    overgangsrecht: Set<string>; adreskoppeling: Set<string>; first: number; last: number;
    windows: Map<string, [number, number][]>; categories: Set<string>;
  }>();
  const of = (code: string) => {
    let found = perMunicipality.get(code);
    if (found === undefined) {
      found = {
        persons: new Set(), viewed: new Set(), views: 0, users: new Set(), overgangsrecht: new Set(), adreskoppeling: new Set(),
        first: Infinity, last: -Infinity, windows: new Map(), categories: new Set(),
      };
      perMunicipality.set(code, found);
    }
    return found;
  };
  for (const signal of signals.values()) {
    const m = of(signal.municipality);
    m.persons.add(signal.person);
    if (signal.overgangsrecht) m.overgangsrecht.add(signal.person);
    if (signal.adreskoppeling) m.adreskoppeling.add(signal.person);
    m.first = Math.min(m.first, signal.start);
    m.last = Math.max(m.last, signal.end);
    m.windows.set(signal.person, [...(m.windows.get(signal.person) ?? []), [signal.start, signal.end]]);
    for (const category of signal.categories) m.categories.add(category);
  }
  for (const [signalId, seen, user] of rowsOf(snapshot, `SELECT signaal_id, ingezien_op, gebruiker FROM ${usableView(snapshot.db, 'portaal_inzage')}`)) {
    const signal = signals.get(Number(signalId));
    if (signal === undefined) continue;
    const at = seconds(String(seen));
    if (at < signal.start || at >= signal.end) continue;
    const m = of(signal.municipality);
    m.views += 1;
    m.users.add(String(user));
    m.viewed.add(signal.person);
  }

  const gemeenten: TableRow[] = [...perMunicipality.keys()].sort().map((code) => {
    const m = of(code);
    let total = 0;
    for (const windows of m.windows.values()) {
      windows.sort((a, b) => a[0] - b[0]);
      let [from, to] = windows[0];
      for (const [start, end] of windows.slice(1)) {
        if (start > to) {
          total += to - from;
          [from, to] = [start, end];
        } else {
          to = Math.max(to, end);
        }
      }
      total += to - from;
    }
    const codes = [...m.categories].sort();
    return {
      gemeente_code: code,
      gemeente: municipalities.get(code) ?? code,
      personen: m.persons.size,
      personen_ingezien: m.viewed.size,
      inzagen: m.views,
      gebruikers: m.users.size,
      personen_overgangsrecht: m.overgangsrecht.size,
      personen_adreskoppeling: m.adreskoppeling.size,
      eerste: instant(m.first),
      laatste: instant(m.last),
      persoonsdagen: Math.round(total / 8640) / 10,
      categorieen: codes.join(','),
      bijzonder: codes.some((c) => categories.get(c)?.bijzonder ?? false),
    };
  });

  const perCategory = new Map<string, { persons: Set<string>; municipalities: Set<string> }>();
  for (const signal of signals.values()) {
    for (const category of signal.categories) {
      const entry = perCategory.get(category) ?? { persons: new Set<string>(), municipalities: new Set<string>() };
      entry.persons.add(signal.person);
      entry.municipalities.add(signal.municipality);
      perCategory.set(category, entry);
    }
  }
  const categorieen: TableRow[] = [...perCategory.keys()].sort().map((code) => ({
    categorie: code,
    omschrijving: categories.get(code)?.omschrijving ?? '',
    bijzonder: categories.get(code)?.bijzonder ?? false,
    personen: perCategory.get(code)?.persons.size ?? 0,
    gemeenten: perCategory.get(code)?.municipalities.size ?? 0,
  }));
  return { gemeenten, categorieen };
}
