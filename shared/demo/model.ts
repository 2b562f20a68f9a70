// The in-memory model the demo generator builds before it writes SQLite: persons with their
// loan payments, and the rows of the other tables. Days are UTC day numbers, instants are
// seconds since the epoch (see dates.ts); ids are given out only when writing.
import type { Besluit, Doelgroep, Status, Stelsel } from '../snapshot/vocabulary';
import { dayNumber } from '../dates';

export type { Besluit, Doelgroep, Status, Stelsel };

export interface Person {
  stelsel: Stelsel;
  doelgroep: Doelgroep;
  plichtStart: number;
  termijnEinde: number | null;
  gemeente: string | null;
  status: Status;
  statusDatum: number | null;
  /** Loan payments as [day, cents] pairs, in date order; negative cents are corrections. */
  payments: [number, number][];
  /** Pseudonym, set when the rows are written. */
  id?: string;
}

export interface Overrun {
  person: Person;
  termijnEinde: number;
  aankondiging: number | null;
  afspraak: number | null;
  besluit: Besluit | null;
  besluitOp: number | null;
  boeteCent: number | null;
}

export interface EnforcementOrder {
  person: Person;
  soort: 'boete' | 'lening';
  gereed: number;
  cjib: number | null;
}

export interface Signal {
  person: Person;
  gemeente: string;
  stelsel: 'Wi2013' | 'Wi2021';
  /** Seconds since the epoch. */
  from: number;
  until: number | null;
  categories: readonly string[];
  views: { at: number; user: string }[];
}

export interface Notice {
  person: Person;
  stelsel: 'Wi2013' | 'Wi2021';
  day: number;
}

export interface Delivery {
  person: Person;
  vergunning: number;
  geleverd: number | null;
}

export interface IncidentRow {
  id: string;
  titel: string;
  soort: 'datalek' | 'vertraging' | 'onterechte_plicht' | 'incasso' | 'overig';
  ontdektOp: string;
  gemeldApOp: string | null;
  gemeentenGeinformeerdOp: string | null;
  betrokkenenGeinformeerdOp: string | null;
  beschrijving: string;
}

export interface DemoModel {
  persons: Person[];
  overruns: Overrun[];
  orders: EnforcementOrder[];
  signals: Signal[];
  notices: Notice[];
  deliveries: Delivery[];
  incidents: IncidentRow[];
}

export const PEILDATUM = '2023-09-15';
export const PEIL = dayNumber(PEILDATUM);
/** The three reference dates of Tabel 1 of nr. 391. */
export const ELIP_DATES = [dayNumber('2022-05-01'), dayNumber('2022-10-15'), dayNumber('2023-07-01')] as const;
export const THRESHOLD_A_CENT = 950_000;
export const THRESHOLD_B_CENT = 750_000;
export const LOAN_MAXIMUM_CENT = 1_000_000;

export function newPerson(fields: Omit<Person, 'payments' | 'status' | 'statusDatum'> & Partial<Person>): Person {
  return { status: 'lopend', statusDatum: null, payments: [], ...fields };
}

/** Obliged at day P: plicht_start <= P and (lopend or status_datum > P), as snapshot-v1.md says. */
export function obligedAt(person: Person, day: number): boolean {
  return person.plichtStart <= day && (person.statusDatum === null || person.statusDatum > day);
}

/** Loan used at day P: the sum of payments dated on or before P, corrections included. */
export function loanAt(person: Person, day: number): number {
  let sum = 0;
  for (const [date, cents] of person.payments) if (date <= day) sum += cents;
  return sum;
}
