// The seeded scale generator for benchmarks: snapshots of any size (up to national scale)
// with realistic distributions — many persons near the ELIP thresholds, loan histories with
// corrections, deadline overruns, lawful and unlawful portal signals across all
// municipalities, views. It streams persons into SQLite in chunks, so memory holds the
// database and one chunk only. It reproduces no published figure; the demo does that.
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import type { ProgressListener } from '../age/types';
import { InvalidParameterError } from '../errors';
import { SNAPSHOT_SCHEMA_SQL } from '../snapshot/schema';
import { dayNumber } from '../dates';
import { instantFromSeconds as instant, isoDate } from './dates';
import { GEMEENTEN_2023 } from './gemeenten-2023';
import { PEILDATUM } from './model';
import { COA_MUNICIPALITIES, pickGemeente, pickUser } from './municipalities';
import { CATEGORIES, incidents } from './portaal';
import { createRandom, type Random } from './random';
import { insertRow, personId } from './write';

export interface ScaleOptions {
  persons: number;
  seed: number;
  onProgress?: ProgressListener;
}

/** The most persons a scale snapshot may have (about three times the national Wi2013+Wi2021 population). */
export const MAX_SCALE_PERSONS = 5_000_000;

const PEIL = dayNumber(PEILDATUM);
const PEIL_END_SECONDS = (PEIL + 1) * 86_400;
const CHUNK = 5_000;
/** From early 2023 municipalities may see the ELIP data of their Wi2013 persons. */
const ELIP_START = dayNumber('2023-01-09');


interface Statements {
  person: Statement;
  payment: Statement;
  overrun: Statement;
  order: Statement;
  signal: Statement;
  category: Statement;
  view: Statement;
  notice: Statement;
  delivery: Statement;
}

/** Creates the tables now and returns the index statements to run after the bulk load. */
function createTables(db: Database): string[] {
  // Comments hold semicolons too; the schema has no "--" inside a string literal.
  const withoutComments = SNAPSHOT_SCHEMA_SQL.replace(/--[^\n]*/g, '');
  const statements = withoutComments.split(';').map((text) => text.trim()).filter((text) => text.length > 0);
  const indexes = statements.filter((text) => /^CREATE\s+INDEX/i.test(text));
  for (const text of statements) if (!indexes.includes(text)) db.run(text);
  return indexes;
}

function prepare(db: Database): Statements {
  return {
    person: db.prepare('INSERT INTO inburgeraar VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    payment: db.prepare('INSERT INTO lening_betaling VALUES (?, ?, ?)'),
    overrun: db.prepare('INSERT INTO termijnoverschrijding VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    order: db.prepare('INSERT INTO dwangbevel VALUES (?, ?, ?, ?, ?)'),
    signal: db.prepare('INSERT INTO portaal_signaal VALUES (?, ?, ?, ?, ?, ?)'),
    category: db.prepare('INSERT INTO signaal_gegeven VALUES (?, ?)'),
    view: db.prepare('INSERT INTO portaal_inzage VALUES (?, ?, ?)'),
    notice: db.prepare('INSERT INTO kennisgeving VALUES (?, ?, ?)'),
    delivery: db.prepare('INSERT INTO ind_levering VALUES (?, ?, ?)'),
  };
}

interface Counters {
  overrun: number;
  order: number;
  signal: number;
}

const WI2021_CATEGORIES = ['naw', 'contactgegevens', 'inburgeringsstatus'] as const;
const ELIP_CATEGORIES = ['naw', 'contactgegevens', 'inburgeringsstatus', 'lening', 'examenresultaten'] as const;

function addSignal(
  random: Random, statements: Statements, counters: Counters, id: string, gemeente: string, stelsel: string,
  from: number, until: number | null, categories: readonly string[], viewChance: number,
): void {
  counters.signal++;
  const signalId = counters.signal;
  insertRow(statements.signal, [signalId, id, gemeente, stelsel, instant(from), until === null ? null : instant(until)]);
  for (const category of categories) insertRow(statements.category, [signalId, category]);
  if (!random.chance(viewChance)) return;
  const end = Math.min(until ?? PEIL_END_SECONDS, PEIL_END_SECONDS);
  if (end - from < 60) return;
  const views = random.integer(1, 5);
  for (let index = 0; index < views; index++) {
    insertRow(statements.view, [signalId, instant(random.integer(from, end - 1)), pickUser(random, gemeente)]);
  }
}

const officeSeconds = (random: Random, day: number): number => day * 86_400 + random.integer(7 * 3600, 17 * 3600);

function writeWi2013(random: Random, statements: Statements, counters: Counters, id: string, gemeente: string | null): void {
  const transitional = random.chance(0.2);
  const plichtStart = transitional ? random.integer(dayNumber('2021-06-01'), dayNumber('2022-01-31')) : random.integer(dayNumber('2013-01-01'), dayNumber('2021-12-31'));
  const doelgroep = random.chance(0.55) ? 'asiel' : random.chance(0.7) ? 'gezin' : 'overig';
  const termijnEinde = random.chance(0.01) ? null : plichtStart + 1095 + random.integer(0, 1100);
  const roll = random.next();
  const status = roll < 0.55 ? 'lopend' : roll < 0.8 ? 'voldaan' : roll < 0.93 ? 'ontheven' : 'vervallen';
  const statusDatum = status === 'lopend' || PEIL - plichtStart < 200 ? null : random.integer(plichtStart + 180, PEIL);
  const finalStatus = statusDatum === null ? 'lopend' : status;
  insertRow(statements.person, [id, 'Wi2013', doelgroep, isoDate(plichtStart), termijnEinde === null ? null : isoDate(termijnEinde), gemeente, finalStatus, statusDatum === null ? null : isoDate(statusDatum)]);
  // Loan: many end near the ELIP thresholds; a few payments a year, some corrections.
  const end = Math.min(statusDatum ?? PEIL, PEIL);
  const target = random.chance(0.45) ? random.integer(700_000, 1_000_000) : random.integer(50_000, 700_000);
  const payments = end - plichtStart < 30 ? 0 : random.integer(3, 14);
  let level = 0;
  let loanAt2023 = 0;
  for (let index = 0; index < payments; index++) {
    const day = plichtStart + Math.floor(((index + random.next()) / payments) * (end - plichtStart));
    const amount = index === payments - 1 ? target - level : Math.round((target / payments) * (0.5 + random.next()) / 100) * 100;
    if (amount === 0 || level + amount > 1_000_000) continue;
    level += amount;
    insertRow(statements.payment, [id, isoDate(day), amount]);
    if (random.chance(0.08)) {
      const correction = -Math.min(level, random.integer(5_000, 150_000));
      level += correction;
      insertRow(statements.payment, [id, isoDate(Math.min(day + random.integer(1, 60), end)), correction]);
    }
    if (day <= ELIP_START) loanAt2023 = level;
  }
  // Deadline overruns: passed while still obliged.
  if (termijnEinde !== null && termijnEinde < PEIL && (statusDatum === null || statusDatum > termijnEinde)) {
    counters.overrun++;
    const announced = termijnEinde + random.integer(20, 90) < PEIL ? termijnEinde + random.integer(20, 90) : null;
    const decidedOn = announced !== null && random.chance(0.6) && announced + 40 < PEIL ? random.integer(announced + 40, PEIL) : null;
    const besluit = decidedOn === null ? null : random.chance(0.6) ? 'boete' : random.chance(0.6) ? 'verlenging' : 'geen_boete';
    const afspraak = announced !== null && random.chance(0.2) ? random.integer(announced + 1, decidedOn ?? PEIL) : null;
    insertRow(statements.overrun, [
      counters.overrun, id, isoDate(termijnEinde), announced === null ? null : isoDate(announced), afspraak === null ? null : isoDate(afspraak),
      besluit, decidedOn === null ? null : isoDate(decidedOn), besluit === 'boete' ? random.integer(5, 25) * 5_000 : null,
    ]);
    if (besluit === 'boete' && random.chance(0.2)) {
      counters.order++;
      const gereed = Math.min((decidedOn as number) + random.integer(60, 240), PEIL);
      const cjib = gereed + random.integer(3, 400);
      insertRow(statements.order, [counters.order, id, 'boete', isoDate(gereed), cjib <= PEIL ? isoDate(cjib) : null]);
    }
  }
  if (gemeente === null) return;
  if (transitional && random.chance(0.6)) {
    // The breach pattern: shown as Wi2021 from early January 2022 until the withdrawal.
    const noticeDay = random.integer(dayNumber('2022-01-03'), dayNumber('2022-01-07'));
    insertRow(statements.notice, [id, 'Wi2021', isoDate(noticeDay)]);
    const target2 = doelgroep === 'asiel' && random.chance(0.05) ? random.pick(COA_MUNICIPALITIES) : gemeente;
    addSignal(random, statements, counters, id, target2, 'Wi2021', officeSeconds(random, noticeDay), officeSeconds(random, dayNumber('2022-01-27')), WI2021_CATEGORIES, 0.6);
  }
  const obligedIn2022 = plichtStart < ELIP_START && (statusDatum === null || statusDatum > dayNumber('2022-03-01'));
  if (obligedIn2022 && random.chance(0.8)) {
    // Lawful: the municipality sees its own Wi2013 persons' status.
    const from = officeSeconds(random, random.integer(Math.max(plichtStart, dayNumber('2022-03-01')), ELIP_START));
    const until = statusDatum === null ? null : Math.max(from + 3600, officeSeconds(random, statusDatum));
    addSignal(random, statements, counters, id, gemeente, 'Wi2013', from, until, WI2021_CATEGORIES, 0.8);
  }
  if (loanAt2023 > 750_000 && (statusDatum === null || statusDatum > ELIP_START)) {
    const from = officeSeconds(random, random.integer(ELIP_START, dayNumber('2023-03-31')));
    const until = statusDatum === null ? null : Math.max(from + 3600, officeSeconds(random, statusDatum));
    addSignal(random, statements, counters, id, gemeente, 'Wi2013', from, until, ELIP_CATEGORIES, 0.8);
  }
}

function writeWi2021(random: Random, statements: Statements, counters: Counters, id: string, gemeente: string | null): void {
  const doelgroep = random.chance(0.45) ? 'asiel' : random.chance(0.7) ? 'gezin' : 'overig';
  const vergunning = random.integer(dayNumber('2022-01-01'), PEIL - 5);
  const ended = random.chance(0.05) && PEIL - vergunning > 200;
  const statusDatum = ended ? random.integer(vergunning + 120, PEIL) : null;
  insertRow(statements.person, [id, 'Wi2021', doelgroep, isoDate(vergunning), isoDate(vergunning + 1095), gemeente, ended ? random.pick(['voldaan', 'ontheven', 'vervallen']) : 'lopend', statusDatum === null ? null : isoDate(statusDatum)]);
  const roll = random.next();
  const delay = roll < 0.83 ? random.integer(0, 30) : roll < 0.98 ? random.integer(31, 400) : null;
  const geleverd = delay === null || vergunning + delay > PEIL ? null : vergunning + delay;
  insertRow(statements.delivery, [id, isoDate(vergunning), geleverd === null ? null : isoDate(geleverd)]);
  if (geleverd === null || gemeente === null) return;
  const noticeDay = Math.max(geleverd + random.integer(2, 14), dayNumber(doelgroep === 'gezin' ? '2022-03-01' : '2022-03-25'));
  if (noticeDay > PEIL) return;
  insertRow(statements.notice, [id, 'Wi2021', isoDate(noticeDay)]);
  const from = officeSeconds(random, noticeDay);
  const until = statusDatum === null ? null : Math.max(from + 3600, officeSeconds(random, statusDatum));
  if (doelgroep === 'asiel' && vergunning < dayNumber('2022-04-01') && random.chance(0.15)) {
    // Address linking: first shown to the municipality of a COA location.
    const wrong = random.chance(0.5) ? random.pick(COA_MUNICIPALITIES) : pickGemeente(random);
    const wrongFrom = from - 86_400 * 30;
    const repaired = officeSeconds(random, dayNumber('2022-03-25'));
    if (wrong !== gemeente && wrongFrom + 86_400 < repaired) {
      addSignal(random, statements, counters, id, wrong, 'Wi2021', wrongFrom, repaired, WI2021_CATEGORIES, 0.5);
    }
  }
  addSignal(random, statements, counters, id, gemeente, 'Wi2021', from, until, WI2021_CATEGORIES, 0.8);
  const updates = random.integer(0, 6);
  for (let update = 0; update < updates; update++) {
    // Later updates of the record show it again (e.g. after the PIP was set).
    const again = from + random.integer(14, 300) * 86_400;
    if (again < PEIL_END_SECONDS && (until === null || again < until)) addSignal(random, statements, counters, id, gemeente, 'Wi2021', again, until, WI2021_CATEGORIES, 0.8);
  }
}

function writeWi2007(random: Random, statements: Statements, id: string, gemeente: string | null): void {
  const plichtStart = random.integer(dayNumber('2007-01-01'), dayNumber('2012-12-31'));
  const obliged = random.chance(0.3);
  const statusDatum = obliged ? null : random.integer(plichtStart + 365, PEIL);
  insertRow(statements.person, [id, 'Wi2007', random.pick(['asiel', 'gezin', 'overig']), isoDate(plichtStart), null, gemeente, obliged ? 'lopend' : 'voldaan', statusDatum === null ? null : isoDate(statusDatum)]);
}

/** A scale snapshot's plaintext SQLite bytes; the same options give the same bytes. */
export function generateScaleSnapshot(sql: SqlJsStatic, options: ScaleOptions): Uint8Array {
  const { persons, seed, onProgress } = options;
  if (!Number.isSafeInteger(persons) || persons < 1 || persons > MAX_SCALE_PERSONS) {
    throw new InvalidParameterError('persons', `een geheel getal van 1 tot en met ${MAX_SCALE_PERSONS}`, `a whole number from 1 to ${MAX_SCALE_PERSONS}`);
  }
  if (!Number.isSafeInteger(seed)) throw new InvalidParameterError('seed', 'een geheel getal', 'a whole number');
  const random = createRandom(seed);
  const db = new sql.Database();
  try {
    // An in-memory build needs no journal; a modest page cache (64 MB) keeps memory at about
    // twice the database size (a larger one measured no faster).
    db.run('PRAGMA journal_mode = OFF');
    db.run('PRAGMA synchronous = OFF');
    db.run('PRAGMA cache_size = -64000');
    const indexes = createTables(db);
    db.run('BEGIN');
    const meta: [string, string][] = [
      ['schema_version', '1'], ['peildatum', PEILDATUM], ['bron', 'DUO'], ['gemeente_jaar', '2023'],
      ['titel', `Schaal-snapshot Ketenlens (${persons} personen, seed ${seed}) — synthetische gegevens, geen echte personen`],
      ['aangemaakt_op', '2023-09-18T07:30:00Z'], ['producent', 'Ketenlens schaalgenerator'],
    ];
    for (const row of meta) db.run('INSERT INTO meta VALUES (?, ?)', row);
    for (const [code, naam] of GEMEENTEN_2023) db.run('INSERT INTO gemeente VALUES (?, ?, NULL)', [code, naam]);
    for (const category of CATEGORIES) db.run('INSERT INTO gegevenscategorie VALUES (?, ?, ?)', [category.code, category.omschrijving, category.bijzonder]);
    // The demo's incidents, so the breach analyses have an incident to assess at scale too.
    for (const incident of incidents()) {
      db.run('INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        incident.id, incident.titel, incident.soort, incident.ontdektOp, incident.gemeldApOp, incident.gemeentenGeinformeerdOp,
        incident.betrokkenenGeinformeerdOp, incident.beschrijving,
      ]);
    }
    const statements = prepare(db);
    const counters: Counters = { overrun: 0, order: 0, signal: 0 };
    try {
      for (let index = 0; index < persons; index++) {
        const id = personId(index);
        const gemeente = random.chance(0.01) ? null : pickGemeente(random);
        const roll = random.next();
        if (roll < 0.58) writeWi2013(random, statements, counters, id, gemeente);
        else if (roll < 0.93) writeWi2021(random, statements, counters, id, gemeente);
        else writeWi2007(random, statements, id, gemeente);
        if ((index + 1) % CHUNK === 0) onProgress?.({ phase: 'generate', done: index + 1, total: persons });
      }
    } finally {
      for (const statement of Object.values(statements)) statement.free();
    }
    for (const text of indexes) db.run(text);
    db.run('COMMIT');
    onProgress?.({ phase: 'generate', done: persons, total: persons });
    return db.export();
  } finally {
    db.close();
  }
}
