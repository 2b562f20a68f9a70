// The per-column rules of snapshot-v1.sql, once: for every column its type, whether it is
// required (NOT NULL), its enumeration (CHECK … IN, from vocabulary.ts), the municipality
// code shape (CHECK … GLOB), whether it may be negative, the primary key and what it
// refers to (REFERENCES). Two readers derive their checks from this one table, so they
// cannot drift apart: the loader's data-quality findings (findings.ts, which skips rows
// that break a rule) and seal's value checks (seal/rules.ts, which refuses such a value
// with file, line and column). Rules that span columns stay with each reader.
// Dates and instants mean what shared/dates.ts says.
import type { SnapshotTable } from './types';
import { BESLUITEN, DOELGROEPEN, INCIDENT_SOORTEN, SIGNAAL_STELSELS, SOORTEN, STATUSSEN, STELSELS } from './vocabulary';

/**
 * 'integer': a whole number (ids, flags); 'cents': a whole number of euro cents, which the
 * findings also check for its storage class (a REAL amount is not whole cents).
 */
export type ColumnType = 'text' | 'integer' | 'cents' | 'date' | 'instant';

export interface ColumnRule {
  type: ColumnType;
  /** NOT NULL. */
  required: boolean;
  /** CHECK … IN (…): the allowed values. */
  oneOf?: readonly (string | number)[];
  /** CHECK … GLOB 'GM[0-9][0-9][0-9][0-9]': a CBS municipality code (GEMEENTE_CODE). */
  gemeenteCode?: true;
  /** A negative value is a finding (the row stays usable); seal accepts it, as the schema does. */
  notNegative?: true;
  /** Part of the primary key (in column order). */
  key?: true;
  /** REFERENCES parent(column). */
  references?: { table: SnapshotTable; column: string };
}

/** The shape of a municipality code, as SQL GLOB (findings) and as a regular expression (seal). */
export const GEMEENTE_CODE = {
  glob: 'GM[0-9][0-9][0-9][0-9]',
  regex: /^GM[0-9]{4}$/,
  describe: 'GM gevolgd door vier cijfers / GM followed by four digits',
} as const;

const text = (required = false): ColumnRule => ({ type: 'text', required });
const integer = (required = false): ColumnRule => ({ type: 'integer', required });
const date = (required = false): ColumnRule => ({ type: 'date', required });
const instant = (required = false): ColumnRule => ({ type: 'instant', required });
const oneOf = (values: readonly (string | number)[], required: boolean): ColumnRule => ({
  type: values.every((value) => typeof value === 'number') ? 'integer' : 'text',
  required,
  oneOf: values,
});
const key = (rule: ColumnRule): ColumnRule => ({ ...rule, key: true });
const person = (): ColumnRule => ({ type: 'text', required: true, references: { table: 'inburgeraar', column: 'id' } });
const gemeente = (required: boolean): ColumnRule => ({ type: 'text', required, references: { table: 'gemeente', column: 'code' } });
const signal = (): ColumnRule => ({ type: 'integer', required: true, references: { table: 'portaal_signaal', column: 'id' } });

/** Every column of every table, in the schema's column order. */
export const COLUMNS = {
  meta: { key: key(text(true)), value: text(true) },
  gemeente: {
    code: { type: 'text', required: true, gemeenteCode: true, key: true },
    naam: text(true),
    provincie: text(),
  },
  inburgeraar: {
    id: key(text(true)),
    stelsel: oneOf(STELSELS, true),
    doelgroep: oneOf(DOELGROEPEN, true),
    plicht_start: date(true),
    termijn_einde: date(),
    gemeente_code: gemeente(false),
    status: oneOf(STATUSSEN, true),
    status_datum: date(),
  },
  lening_betaling: { inburgeraar_id: person(), datum: date(true), bedrag_cent: { type: 'cents', required: true } },
  termijnoverschrijding: {
    id: key(integer(true)),
    inburgeraar_id: person(),
    termijn_einde: date(true),
    aankondiging_op: date(),
    afspraak_op: date(),
    besluit: oneOf(BESLUITEN, false),
    besluit_op: date(),
    boete_cent: { type: 'cents', required: false, notNegative: true },
  },
  dwangbevel: {
    id: key(integer(true)),
    inburgeraar_id: person(),
    soort: oneOf(SOORTEN, true),
    gereed_op: date(true),
    cjib_op: date(),
  },
  gegevenscategorie: { code: key(text(true)), omschrijving: text(true), bijzonder: oneOf([0, 1], true) },
  portaal_signaal: {
    id: key(integer(true)),
    inburgeraar_id: person(),
    gemeente_code: gemeente(true),
    stelsel: oneOf(SIGNAAL_STELSELS, true),
    zichtbaar_vanaf: instant(true),
    zichtbaar_tot: instant(),
  },
  signaal_gegeven: {
    signaal_id: { ...signal(), key: true },
    categorie: { type: 'text', required: true, key: true, references: { table: 'gegevenscategorie', column: 'code' } },
  },
  portaal_inzage: { signaal_id: signal(), ingezien_op: instant(true), gebruiker: text(true) },
  incident: {
    id: key(text(true)),
    titel: text(true),
    soort: oneOf(INCIDENT_SOORTEN, true),
    ontdekt_op: instant(true),
    gemeld_ap_op: instant(),
    gemeenten_geinformeerd_op: instant(),
    betrokkenen_geinformeerd_op: instant(),
    beschrijving: text(),
  },
  kennisgeving: { inburgeraar_id: person(), stelsel: oneOf(SIGNAAL_STELSELS, true), verzonden_op: date(true) },
  ind_levering: { inburgeraar_id: person(), vergunning_op: date(true), geleverd_op: date() },
} as const satisfies Record<SnapshotTable, Record<string, ColumnRule>>;

/** The rules of one table's columns, in column order. */
export function columnRules(table: SnapshotTable): [string, ColumnRule][] {
  const rules: Record<string, ColumnRule> = COLUMNS[table];
  return Object.entries(rules);
}
