import { describe, expect, it } from 'vitest';
import {
  InvalidMetaValueError, MissingColumnError, MissingMetaKeyError, MissingTableError, NotSqliteError,
  UnknownSchemaVersionError,
} from '../errors';
import { buildPlaintext, openFixture } from '../../test/support/snapshot';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { hasSqliteHeader, openSnapshotFromPlaintext } from './open';

const INFO = { sha256: 'ab'.repeat(32), fileSize: 1234, keyKind: 'identity' } as const;
const open = (bytes: Uint8Array) => openSnapshotFromPlaintext(bytes, INFO, nodeSqlJsProvider);

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a refusal');
}

describe('openSnapshotFromPlaintext', () => {
  it('opens a valid snapshot with its meta, counts and file facts', async () => {
    const snapshot = await openFixture(`
      INSERT INTO meta VALUES ('titel', 'Proef');
      INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);
      INSERT INTO inburgeraar VALUES ('P1', 'Wi2013', 'asiel', '2019-03-01', NULL, 'GM0363', 'lopend', NULL);`);
    try {
      expect(snapshot.meta).toEqual({
        schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023', titel: 'Proef',
      });
      expect(Object.keys(snapshot.meta).slice(0, 4)).toEqual(['schema_version', 'peildatum', 'bron', 'gemeente_jaar']);
      expect(snapshot.rowCounts).toMatchObject({ meta: 5, gemeente: 1, inburgeraar: 1, lening_betaling: 0, incident: 0 });
      expect(snapshot.optionalTables).toEqual({ dwangbevel: true, incident: true, kennisgeving: true, ind_levering: true });
      expect(snapshot.findings).toEqual([]);
      expect(snapshot.keyKind).toBe('passphrase');
    } finally {
      snapshot.close();
    }
  });

  it('passes the file facts through and wipes the plaintext on close', async () => {
    const bytes = await buildPlaintext('');
    const snapshot = await open(bytes);
    expect([snapshot.sha256, snapshot.fileSize, snapshot.keyKind]).toEqual(['ab'.repeat(32), 1234, 'identity']);
    expect(bytes.some((byte) => byte !== 0)).toBe(true);
    snapshot.close();
    expect(bytes.every((byte) => byte === 0)).toBe(true);
    snapshot.close(); // twice is harmless
  });

  it('returns before a deferred digest, which then becomes the sha256; until then reading it throws', async () => {
    const plaintext = await buildPlaintext('');
    let resolveDigest: (hex: string) => void = () => undefined;
    const digest = new Promise<string>((resolve) => { resolveDigest = resolve; });
    const snapshot = await openSnapshotFromPlaintext(plaintext, { ...INFO, sha256: digest }, nodeSqlJsProvider, { digest: 'deferred', checks: 'when-needed' });
    try {
      expect(() => snapshot.sha256).toThrow(/digest is not known yet/);
      expect(snapshot.rowCounts).toMatchObject({ meta: 4, gemeente: 0 });
      resolveDigest('cd'.repeat(32));
      await expect(snapshot.digested).resolves.toBe('cd'.repeat(32));
      expect(snapshot.sha256).toBe('cd'.repeat(32));
    } finally {
      snapshot.close();
    }
  });

  it('awaits the digest by default: the open ends with it', async () => {
    const plaintext = await buildPlaintext('');
    const snapshot = await openSnapshotFromPlaintext(plaintext, { ...INFO, sha256: Promise.resolve('ef'.repeat(32)) }, nodeSqlJsProvider);
    try {
      expect(snapshot.sha256).toBe('ef'.repeat(32));
    } finally {
      snapshot.close();
    }
  });

  it('loads without a copy: the database reads the very buffer it was given', async () => {
    const bytes = await buildPlaintext("INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);");
    const snapshot = await open(bytes);
    try {
      const naam = () => snapshot.db.exec("SELECT naam FROM gemeente WHERE code = 'GM0363'")[0]!.values[0]![0];
      expect(naam()).toBe('Amsterdam');
      const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('Amsterdam');
      bytes.set(new TextEncoder().encode('Rotterdam'), at);
      bytes[27] = (bytes[27]! + 1) % 256; // the file change counter, so SQLite drops its page cache
      expect(naam()).toBe('Rotterdam');
    } finally {
      snapshot.close();
    }
  });

  it('loads a shared buffer (decrypted on worker threads) without a copy too, with the same findings', async () => {
    const sql = "INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);\n" +
      "INSERT INTO inburgeraar VALUES ('P1', 'Wi2013', 'asiel', '2019-03-01', NULL, 'GM9999', 'lopend', NULL);";
    const plain = await buildPlaintext(sql);
    const shared = new Uint8Array(new SharedArrayBuffer(plain.length));
    shared.set(plain);
    const reference = await open(plain.slice());
    const snapshot = await open(shared);
    try {
      expect(snapshot.findings).toEqual(reference.findings);
      expect(snapshot.findings.length).toBeGreaterThan(0);
      expect(snapshot.rowCounts).toEqual(reference.rowCounts);
      const naam = () => snapshot.db.exec("SELECT naam FROM gemeente WHERE code = 'GM0363'")[0]!.values[0]![0];
      expect(naam()).toBe('Amsterdam');
      const at = Buffer.from(shared.buffer, shared.byteOffset, shared.length).indexOf('Amsterdam');
      shared.set(new TextEncoder().encode('Rotterdam'), at);
      shared[27] = (shared[27]! + 1) % 256;
      expect(naam()).toBe('Rotterdam');
    } finally {
      snapshot.close();
      reference.close();
    }
    expect(shared.every((byte) => byte === 0)).toBe(true);
  });

  it('detects absent optional tables and leaves them out of the counts', async () => {
    const snapshot = await openFixture('DROP TABLE incident; DROP TABLE ind_levering;');
    try {
      expect(snapshot.optionalTables).toEqual({ dwangbevel: true, incident: false, kennisgeving: true, ind_levering: false });
      expect('incident' in snapshot.rowCounts).toBe(false);
    } finally {
      snapshot.close();
    }
  });

  it('opens tables made without any constraint (the loose schema)', async () => {
    const snapshot = await openFixture("INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);", { schema: 'loose' });
    expect(snapshot.rowCounts.gemeente).toBe(1);
    expect(snapshot.findings).toEqual([]);
    snapshot.close();
  });

  it('checks the 16-byte SQLite header', () => {
    expect(hasSqliteHeader(new TextEncoder().encode('SQLite format 3\0rest'))).toBe(true);
    expect(hasSqliteHeader(new TextEncoder().encode('SQLite format 3'))).toBe(false);
    expect(hasSqliteHeader(new TextEncoder().encode('PK\u0003\u0004 not sqlite at all'))).toBe(false);
  });

  it.each([
    ['text', new TextEncoder().encode('naam,stelsel\nP1,Wi2013\n')],
    ['empty', new Uint8Array(0)],
    ['a header followed by garbage', new Uint8Array([...new TextEncoder().encode('SQLite format 3\0'), ...new Uint8Array(4080).fill(0x41)])],
  ])('refuses plaintext that is not SQLite: %s', async (_name, bytes) => {
    const error = await refusal(open(bytes));
    expect(error).toBeInstanceOf(NotSqliteError);
    expect((error as NotSqliteError).messageNl).toContain('geen SQLite-database');
    expect((error as NotSqliteError).messageEn).toContain('not an SQLite database');
  });

  it('refuses a truncated SQLite image as not SQLite', async () => {
    const whole = await buildPlaintext("INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);");
    const error = await refusal(open(whole.slice(0, 8192)));
    expect(error).toBeInstanceOf(NotSqliteError);
  });

  it('refuses a database without meta as an unknown version', async () => {
    const error = await refusal(open(await buildPlaintext('CREATE TABLE iets (a);', { schema: 'none' })));
    expect(error).toBeInstanceOf(UnknownSchemaVersionError);
    expect((error as UnknownSchemaVersionError).messageEn).toBe(
      "Unknown snapshot version (none); this version of Ketenlens reads schema_version '1' only.",
    );
  });

  it('refuses meta without schema_version, and version 2', async () => {
    const without = await refusal(open(await buildPlaintext("INSERT INTO meta VALUES ('peildatum', '2024-01-01');", { meta: false })));
    expect(without).toBeInstanceOf(UnknownSchemaVersionError);
    expect((without as UnknownSchemaVersionError).messageNl).toContain('(geen)');
    const two = await refusal(open(await buildPlaintext("UPDATE meta SET value = '2' WHERE key = 'schema_version';")));
    expect(two).toBeInstanceOf(UnknownSchemaVersionError);
    expect((two as UnknownSchemaVersionError).messageEn).toContain("Unknown snapshot version '2'");
  });

  it('refuses a missing required table by name', async () => {
    const error = await refusal(open(await buildPlaintext('DROP TABLE portaal_inzage;')));
    expect(error).toBeInstanceOf(MissingTableError);
    expect((error as MissingTableError).table).toBe('portaal_inzage');
    expect((error as MissingTableError).messageNl).toBe("De snapshot mist de verplichte tabel 'portaal_inzage'.");
  });

  it('refuses a missing column of a required and of a present optional table', async () => {
    const required = await refusal(open(await buildPlaintext('ALTER TABLE lening_betaling DROP COLUMN bedrag_cent;')));
    expect(required).toBeInstanceOf(MissingColumnError);
    expect((required as MissingColumnError).messageEn).toBe("The snapshot's table 'lening_betaling' lacks the required column 'bedrag_cent'.");
    const optional = await refusal(
      open(await buildPlaintext('DROP TABLE dwangbevel; CREATE TABLE dwangbevel (id INTEGER PRIMARY KEY, inburgeraar_id TEXT);')),
    );
    expect(optional).toBeInstanceOf(MissingColumnError);
    expect([(optional as MissingColumnError).table, (optional as MissingColumnError).column]).toEqual(['dwangbevel', 'soort']);
  });

  it.each(['peildatum', 'bron', 'gemeente_jaar'])('refuses meta without %s', async (key) => {
    const error = await refusal(open(await buildPlaintext(`DELETE FROM meta WHERE key = '${key}';`)));
    expect(error).toBeInstanceOf(MissingMetaKeyError);
    expect((error as MissingMetaKeyError).messageEn).toBe(`The snapshot's 'meta' table lacks the required key '${key}'.`);
  });

  it.each([
    ['peildatum', '2023-02-29', 'a valid date YYYY-MM-DD'],
    ['peildatum', '1-5-2022', 'a valid date YYYY-MM-DD'],
    ['gemeente_jaar', '23', 'a four-digit year'],
    ['gemeente_jaar', '2023 ', 'a four-digit year'],
    ['bron', '  ', 'the name of the source, not empty'],
  ])('refuses meta %s = %j', async (key, value, expected) => {
    const error = await refusal(open(await buildPlaintext(`UPDATE meta SET value = '${value}' WHERE key = '${key}';`)));
    expect(error).toBeInstanceOf(InvalidMetaValueError);
    expect((error as InvalidMetaValueError).messageEn).toBe(`The meta key '${key}' has the invalid value '${value}'; expected: ${expected}.`);
  });

  it('accepts schema_version and gemeente_jaar stored as integers', async () => {
    const snapshot = await openFixture(
      "UPDATE meta SET value = 1 WHERE key = 'schema_version'; UPDATE meta SET value = 2023 WHERE key = 'gemeente_jaar';",
    );
    expect([snapshot.meta.schema_version, snapshot.meta.gemeente_jaar]).toEqual(['1', '2023']);
    snapshot.close();
  });
});
