// The snapshot v1 contract as code: the schema SQL text (identical to snapshot-v1.sql, so
// isomorphic code can create or check databases without reading files) and, per table,
// the columns a reader requires. Kept in sync with shared/snapshot/snapshot-v1.sql by a test.
import type { SnapshotTable } from './types';

/** The full text of snapshot-v1.sql: run it on an empty database to get a v1 snapshot. */
export const SNAPSHOT_SCHEMA_SQL = `-- Ketenlens snapshot, schema version 1.
-- The plaintext of a snapshot is an SQLite 3 database holding these tables.
-- Dates are ISO 'YYYY-MM-DD'; instants are ISO UTC 'YYYY-MM-DDTHH:MM:SSZ'.
-- Money is whole euro cents. Person ids are pseudonyms, never a BSN.
-- Tables marked OPTIONAL may be absent; every other table is required.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Required keys: schema_version ('1'), peildatum (the snapshot's reference date),
-- bron (source organisation, e.g. 'DUO'), gemeente_jaar (year of the municipal division used).
-- Optional keys: titel, aangemaakt_op (instant), producent, opmerking.

CREATE TABLE gemeente (
  code      TEXT PRIMARY KEY CHECK (code GLOB 'GM[0-9][0-9][0-9][0-9]'),  -- CBS code
  naam      TEXT NOT NULL,
  provincie TEXT
) WITHOUT ROWID;

CREATE TABLE inburgeraar (
  id            TEXT PRIMARY KEY,
  stelsel       TEXT NOT NULL CHECK (stelsel IN ('Wi2007', 'Wi2013', 'Wi2021')),
  doelgroep     TEXT NOT NULL CHECK (doelgroep IN ('asiel', 'gezin', 'overig')),
  plicht_start  TEXT NOT NULL,                  -- start of the obligation; its year is the cohort
  termijn_einde TEXT,                           -- current deadline, extensions included; NULL if unknown
  gemeente_code TEXT REFERENCES gemeente(code), -- responsible (linked) municipality; NULL if none yet
  status        TEXT NOT NULL CHECK (status IN ('lopend', 'voldaan', 'ontheven', 'vervallen')),
  status_datum  TEXT,                           -- date the status was reached
  CHECK ((status = 'lopend') = (status_datum IS NULL))
) WITHOUT ROWID;

-- Payments from the person's Wi2013 social loan (to language schools and exams).
-- A negative amount is a correction (refund) of an earlier payment.
CREATE TABLE lening_betaling (
  inburgeraar_id TEXT NOT NULL REFERENCES inburgeraar(id),
  datum          TEXT NOT NULL,
  bedrag_cent    INTEGER NOT NULL
);
CREATE INDEX lening_betaling_persoon ON lening_betaling (inburgeraar_id, datum);

-- Exceeded deadlines and what enforcement did about them.
CREATE TABLE termijnoverschrijding (
  id              INTEGER PRIMARY KEY,
  inburgeraar_id  TEXT NOT NULL REFERENCES inburgeraar(id),
  termijn_einde   TEXT NOT NULL,            -- the deadline that was exceeded
  aankondiging_op TEXT,                     -- date the fine was announced; NULL = not yet announced
  afspraak_op     TEXT,                     -- date of an appointment to explain circumstances, if any
  besluit         TEXT CHECK (besluit IN ('boete', 'verlenging', 'geen_boete')),
  besluit_op      TEXT,                     -- date of the decision
  boete_cent      INTEGER,                  -- the fine, when besluit = 'boete'
  CHECK ((besluit IS NULL) = (besluit_op IS NULL))
);
CREATE INDEX termijnoverschrijding_persoon ON termijnoverschrijding (inburgeraar_id);

-- OPTIONAL. Enforcement orders (dwangbevelen) waiting to be handed to the CJIB.
CREATE TABLE dwangbevel (
  id             INTEGER PRIMARY KEY,
  inburgeraar_id TEXT NOT NULL REFERENCES inburgeraar(id),
  soort          TEXT NOT NULL CHECK (soort IN ('boete', 'lening')),
  gereed_op      TEXT NOT NULL,             -- date the order was ready to be issued
  cjib_op        TEXT                       -- date handed to the CJIB; NULL = still pending
);

-- Kinds of personal data a portal signal discloses.
CREATE TABLE gegevenscategorie (
  code         TEXT PRIMARY KEY,
  omschrijving TEXT NOT NULL,
  bijzonder    INTEGER NOT NULL CHECK (bijzonder IN (0, 1))  -- special or criminal data (GDPR art. 9/10)
) WITHOUT ROWID;

-- Records made visible to a municipality in the DUO portal.
CREATE TABLE portaal_signaal (
  id              INTEGER PRIMARY KEY,
  inburgeraar_id  TEXT NOT NULL REFERENCES inburgeraar(id),
  gemeente_code   TEXT NOT NULL REFERENCES gemeente(code),  -- the municipality that could see it
  stelsel         TEXT NOT NULL CHECK (stelsel IN ('Wi2013', 'Wi2021')),  -- regime the signal stated
  zichtbaar_vanaf TEXT NOT NULL,                            -- instant it became visible
  zichtbaar_tot   TEXT                                      -- instant it was withdrawn; NULL = still visible
);
CREATE INDEX portaal_signaal_gemeente ON portaal_signaal (gemeente_code);
CREATE INDEX portaal_signaal_persoon ON portaal_signaal (inburgeraar_id);

CREATE TABLE signaal_gegeven (
  signaal_id INTEGER NOT NULL REFERENCES portaal_signaal(id),
  categorie  TEXT NOT NULL REFERENCES gegevenscategorie(code),
  PRIMARY KEY (signaal_id, categorie)
) WITHOUT ROWID;

-- Each time a municipal user opened a signalled record.
CREATE TABLE portaal_inzage (
  signaal_id  INTEGER NOT NULL REFERENCES portaal_signaal(id),
  ingezien_op TEXT NOT NULL,                -- instant
  gebruiker   TEXT NOT NULL                 -- pseudonymous user id
);
CREATE INDEX portaal_inzage_signaal ON portaal_inzage (signaal_id);

-- OPTIONAL. Incidents and the dates that breach rules care about.
CREATE TABLE incident (
  id                          TEXT PRIMARY KEY,
  titel                       TEXT NOT NULL,
  soort                       TEXT NOT NULL CHECK (soort IN ('datalek', 'vertraging', 'onterechte_plicht', 'incasso', 'overig')),
  ontdekt_op                  TEXT NOT NULL, -- instant the controller became aware
  gemeld_ap_op                TEXT,          -- instant of notification to the Autoriteit Persoonsgegevens
  gemeenten_geinformeerd_op   TEXT,          -- instant
  betrokkenen_geinformeerd_op TEXT,          -- instant the data subjects were informed
  beschrijving                TEXT
) WITHOUT ROWID;

-- OPTIONAL. Notices telling a person they are obliged to integrate.
CREATE TABLE kennisgeving (
  inburgeraar_id TEXT NOT NULL REFERENCES inburgeraar(id),
  stelsel        TEXT NOT NULL CHECK (stelsel IN ('Wi2013', 'Wi2021')),
  verzonden_op   TEXT NOT NULL
);

-- OPTIONAL. Residence-permit records the IND delivered to DUO.
CREATE TABLE ind_levering (
  inburgeraar_id TEXT NOT NULL REFERENCES inburgeraar(id),
  vergunning_op  TEXT NOT NULL,             -- date of the residence permit
  geleverd_op    TEXT                       -- date delivered to DUO; NULL = never delivered
);
`;

/** The schema_version this reader understands. */
export const SCHEMA_VERSION = '1';

/** Required columns per table, in the order of snapshot-v1.sql. */
export const TABLE_COLUMNS = {
  meta: ['key', 'value'],
  gemeente: ['code', 'naam', 'provincie'],
  inburgeraar: ['id', 'stelsel', 'doelgroep', 'plicht_start', 'termijn_einde', 'gemeente_code', 'status', 'status_datum'],
  lening_betaling: ['inburgeraar_id', 'datum', 'bedrag_cent'],
  termijnoverschrijding: [
    'id', 'inburgeraar_id', 'termijn_einde', 'aankondiging_op', 'afspraak_op', 'besluit', 'besluit_op', 'boete_cent',
  ],
  dwangbevel: ['id', 'inburgeraar_id', 'soort', 'gereed_op', 'cjib_op'],
  gegevenscategorie: ['code', 'omschrijving', 'bijzonder'],
  portaal_signaal: ['id', 'inburgeraar_id', 'gemeente_code', 'stelsel', 'zichtbaar_vanaf', 'zichtbaar_tot'],
  signaal_gegeven: ['signaal_id', 'categorie'],
  portaal_inzage: ['signaal_id', 'ingezien_op', 'gebruiker'],
  incident: [
    'id', 'titel', 'soort', 'ontdekt_op', 'gemeld_ap_op', 'gemeenten_geinformeerd_op', 'betrokkenen_geinformeerd_op',
    'beschrijving',
  ],
  kennisgeving: ['inburgeraar_id', 'stelsel', 'verzonden_op'],
  ind_levering: ['inburgeraar_id', 'vergunning_op', 'geleverd_op'],
} as const satisfies Record<SnapshotTable, readonly string[]>;

/** Required keys of the meta table (schema_version is checked on its own, first). */
export const REQUIRED_META_KEYS = ['peildatum', 'bron', 'gemeente_jaar'] as const;

/**
 * Tables whose rows carry a single-column key that names them in findings (the row's id);
 * the others are named by `rowid:N`.
 */
export const ROW_ID_COLUMN: Partial<Record<SnapshotTable, string>> = {
  gemeente: 'code',
  inburgeraar: 'id',
  termijnoverschrijding: 'id',
  dwangbevel: 'id',
  gegevenscategorie: 'code',
  portaal_signaal: 'id',
  incident: 'id',
};
