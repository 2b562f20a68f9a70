// The isomorphic sealing path the app's wizard uses: files in memory → validated database
// with a report → encrypted bytes that the isomorphic decrypter opens again.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { decryptAge } from '../age/index';
import type { Progress } from '../age/types';
import { SourceDataError } from '../errors';
import type { SealFile } from './files';
import { buildFromFiles, encryptBuilt } from './seal-files';

function file(name: string, text: string, pieces = 3): SealFile {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.length,
    async *chunks() {
      const step = Math.max(1, Math.ceil(bytes.length / pieces));
      for (let at = 0; at < bytes.length; at += step) yield bytes.subarray(at, at + step);
    },
  };
}

const FILES = [
  file('gemeente.csv', 'code;naam;provincie\nGM0363;Amsterdam;\n'),
  file('inburgeraar.csv', 'id,stelsel,doelgroep,plicht_start,termijn_einde,gemeente_code,status,status_datum\nP1,Wi2013,asiel,2018-03-01,,GM0363,lopend,\nP2,Wi2013,asiel,2018-03-01,,GM0001,lopend,\n'),
  file('lening_betaling.csv', 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,950000\n'),
  file('termijnoverschrijding.csv', 'id,inburgeraar_id,termijn_einde,aankondiging_op,afspraak_op,besluit,besluit_op,boete_cent\n'),
  file('gegevenscategorie.csv', 'code,omschrijving,bijzonder\n'),
  file('portaal_signaal.csv', 'id,inburgeraar_id,gemeente_code,stelsel,zichtbaar_vanaf,zichtbaar_tot\n'),
  file('signaal_gegeven.csv', 'signaal_id,categorie\n'),
  file('portaal_inzage.csv', 'signaal_id,ingezien_op,gebruiker\n'),
  file('README.txt', 'ignored: not a CSV file'),
];

describe('buildFromFiles and encryptBuilt', () => {
  it('reports rows and findings, and encrypts a snapshot the isomorphic decrypter opens', async () => {
    const SQL = await initSqlJs();
    const built = await buildFromFiles(SQL, FILES, { peildatum: '2023-09-15' }, { now: new Date('2023-09-16T08:00:00Z'), producent: 'test' });
    expect(built.report.tables.map((t) => [t.table, t.rows])).toEqual([
      ['gegevenscategorie', 0], ['gemeente', 1], ['inburgeraar', 2], ['lening_betaling', 1], ['portaal_inzage', 0], ['portaal_signaal', 0],
      ['signaal_gegeven', 0], ['termijnoverschrijding', 0],
    ]);
    expect(built.report.meta).toMatchObject({ peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023', producent: 'test', aangemaakt_op: '2023-09-16T08:00:00Z' });
    const dangling = built.report.findings.find((f) => f.kind === 'dangling-reference' && f.table === 'inburgeraar');
    expect(dangling?.count).toBe(1);
    expect(dangling?.examples).toEqual(['P2']);
    const encrypted = await encryptBuilt(built.database, { kind: 'passphrase', passphrase: 'wizard', logN: 10 });
    built.database.close();
    const plaintext = await decryptAge(encrypted, { kind: 'passphrase', passphrase: 'wizard' });
    const reopened = new SQL.Database(plaintext);
    expect(reopened.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]?.values).toEqual([['1']]);
    expect(reopened.exec('SELECT count(*) FROM inburgeraar')[0]?.values).toEqual([[2]]);
    reopened.close();
  });

  it('keeps the optional meta key pseudoniem_domein from meta.csv (snapshot-v1.md, addendum)', async () => {
    const SQL = await initSqlJs();
    const files = [...FILES, file('meta.csv', 'key,value\npseudoniem_domein,duo-inburgering-2023\n')];
    const built = await buildFromFiles(SQL, files, { peildatum: '2023-09-15' }, { now: new Date('2023-09-16T08:00:00Z'), producent: 'test' });
    expect(built.report.meta.pseudoniem_domein).toBe('duo-inburgering-2023');
    expect(built.database.exec("SELECT value FROM meta WHERE key = 'pseudoniem_domein'")[0]?.values).toEqual([['duo-inburgering-2023']]);
    built.database.close();
  });

  it('refuses with file and line, whatever the chunking', async () => {
    const SQL = await initSqlJs();
    const bad = [...FILES.filter((f) => f.name !== 'lening_betaling.csv'), file('lening_betaling.csv', 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,1\nP1,2019-13-01,2\n', 7)];
    const error = await buildFromFiles(SQL, bad, { peildatum: '2023-09-15' }, { now: new Date(), producent: 'test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceDataError);
    expect((error as SourceDataError).messageEn).toBe("lening_betaling.csv:3 (datum): '2019-13-01' is not a valid date YYYY-MM-DD");
  });

  it('reports real progress by phase, in order: read → check → build → encrypt, each filling to its total', async () => {
    const SQL = await initSqlJs();
    // Enough persons for an image over 4 MiB, so encryption reports more than one chunk.
    const people = Array.from({ length: 90_000 }, (_, index) => `P${index},Wi2013,asiel,2018-03-01,2024-03-01,GM0363,lopend,`).join('\n');
    const files = FILES.map((entry) => (entry.name === 'inburgeraar.csv'
      ? file('inburgeraar.csv', `id,stelsel,doelgroep,plicht_start,termijn_einde,gemeente_code,status,status_datum\n${people}\n`, 40)
      : entry));
    const seen: Progress[] = [];
    const built = await buildFromFiles(SQL, files, { peildatum: '2023-09-15' }, { now: new Date('2023-09-16T08:00:00Z'), producent: 'test', onProgress: (p) => seen.push({ ...p }) });
    await encryptBuilt(built.database, { kind: 'passphrase', passphrase: 'wizard', logN: 10 }, (p) => seen.push({ ...p }));
    built.database.close();

    const order = seen.map((p) => p.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(order).toEqual(['read', 'check', 'build', 'encrypt']);
    for (const phase of order) {
      const steps = seen.filter((p) => p.phase === phase);
      const last = steps.at(-1);
      expect(last !== undefined && last.total > 0 && last.done === last.total, phase).toBe(true);
      steps.forEach((step, index) => expect(step.done).toBeGreaterThanOrEqual(steps[index - 1]?.done ?? 0));
      // Each phase moves through values in between, not 0 → 100 %.
      if (phase !== 'build') expect(new Set(steps.map((p) => p.done)).size, phase).toBeGreaterThan(2);
    }
    // One step per table checked.
    const checks = seen.filter((p) => p.phase === 'check');
    expect(checks.map((p) => p.done)).toEqual(Array.from({ length: (checks.at(-1)?.total ?? 0) + 1 }, (_, index) => index));
    expect(checks.at(-1)?.total).toBeGreaterThanOrEqual(8);
  });
});
