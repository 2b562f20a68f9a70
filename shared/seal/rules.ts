// Per-column rules of snapshot-v1.sql in a form `seal` can check value by value, so a
// refusal names the file, line and column with a plain reason. The SQLite CHECKs in the
// schema stay as a backstop for the rules that span columns.
import type { SnapshotTable } from '../snapshot/types';
import { BESLUITEN, DOELGROEPEN, INCIDENT_SOORTEN, SIGNAAL_STELSELS, SOORTEN, STATUSSEN, STELSELS } from '../snapshot/vocabulary';

export type ValueKind = 'text' | 'integer' | 'date' | 'instant';

export interface ColumnRule {
  kind: ValueKind;
  notNull: boolean;
  /** Allowed values (CHECK … IN (…)). */
  allowed?: readonly string[];
  /** A pattern the value must match (CHECK … GLOB …), with its plain description. */
  pattern?: { regex: RegExp; describe: string };
}

const text = (notNull = false): ColumnRule => ({ kind: 'text', notNull });
const integer = (notNull = false): ColumnRule => ({ kind: 'integer', notNull });
const date = (notNull = false): ColumnRule => ({ kind: 'date', notNull });
const instant = (notNull = false): ColumnRule => ({ kind: 'instant', notNull });
const oneOf = (allowed: readonly string[], notNull: boolean): ColumnRule => ({ kind: 'text', notNull, allowed });

export const COLUMN_RULES = {
  meta: { key: text(true), value: text(true) },
  gemeente: {
    code: { kind: 'text', notNull: true, pattern: { regex: /^GM[0-9]{4}$/, describe: 'GM gevolgd door vier cijfers / GM followed by four digits' } },
    naam: text(true),
    provincie: text(),
  },
  inburgeraar: {
    id: text(true),
    stelsel: oneOf(STELSELS, true),
    doelgroep: oneOf(DOELGROEPEN, true),
    plicht_start: date(true),
    termijn_einde: date(),
    gemeente_code: text(),
    status: oneOf(STATUSSEN, true),
    status_datum: date(),
  },
  lening_betaling: { inburgeraar_id: text(true), datum: date(true), bedrag_cent: integer(true) },
  termijnoverschrijding: {
    id: integer(true),
    inburgeraar_id: text(true),
    termijn_einde: date(true),
    aankondiging_op: date(),
    afspraak_op: date(),
    besluit: oneOf(BESLUITEN, false),
    besluit_op: date(),
    boete_cent: integer(),
  },
  dwangbevel: {
    id: integer(true),
    inburgeraar_id: text(true),
    soort: oneOf(SOORTEN, true),
    gereed_op: date(true),
    cjib_op: date(),
  },
  gegevenscategorie: { code: text(true), omschrijving: text(true), bijzonder: { kind: 'integer', notNull: true, allowed: ['0', '1'] } },
  portaal_signaal: {
    id: integer(true),
    inburgeraar_id: text(true),
    gemeente_code: text(true),
    stelsel: oneOf(SIGNAAL_STELSELS, true),
    zichtbaar_vanaf: instant(true),
    zichtbaar_tot: instant(),
  },
  signaal_gegeven: { signaal_id: integer(true), categorie: text(true) },
  portaal_inzage: { signaal_id: integer(true), ingezien_op: instant(true), gebruiker: text(true) },
  incident: {
    id: text(true),
    titel: text(true),
    soort: oneOf(INCIDENT_SOORTEN, true),
    ontdekt_op: instant(true),
    gemeld_ap_op: instant(),
    gemeenten_geinformeerd_op: instant(),
    betrokkenen_geinformeerd_op: instant(),
    beschrijving: text(),
  },
  kennisgeving: { inburgeraar_id: text(true), stelsel: oneOf(SIGNAAL_STELSELS, true), verzonden_op: date(true) },
  ind_levering: { inburgeraar_id: text(true), vergunning_op: date(true), geleverd_op: date() },
} as const satisfies Record<SnapshotTable, Record<string, ColumnRule>>;

/** Rules that span columns, checked per row with a plain reason. */
export interface RowRule {
  table: SnapshotTable;
  columns: readonly string[];
  holds(row: Readonly<Record<string, string | null>>): boolean;
  describeNl: string;
  describeEn: string;
}

export const ROW_RULES: readonly RowRule[] = [
  {
    table: 'inburgeraar',
    columns: ['status', 'status_datum'],
    holds: (row) => (row.status === 'lopend') === (row.status_datum === null),
    describeNl: "status_datum moet leeg zijn bij status 'lopend' en ingevuld bij elke andere status",
    describeEn: "status_datum must be empty for status 'lopend' and filled for every other status",
  },
  {
    table: 'termijnoverschrijding',
    columns: ['besluit', 'besluit_op'],
    holds: (row) => (row.besluit === null) === (row.besluit_op === null),
    describeNl: 'besluit en besluit_op zijn samen leeg of samen ingevuld',
    describeEn: 'besluit and besluit_op are both empty or both filled',
  },
];
