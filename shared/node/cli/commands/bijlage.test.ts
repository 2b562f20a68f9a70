// `ketenlens bijlage`: one file with the tables in order, protected by default, read back
// with independent readers; refusals before the key is asked for; never overwriting.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../errors';
import { buildSnapshotFile, FIXTURE_PASSPHRASE, type SnapshotFixture } from '../../../../test/support/snapshot';
import { docxParagraphs, docxTables, unzip } from '../../../../test/golden/readers';
import { main } from '../main';
import { captureCliIo, type CapturedCliIo } from '../../../../test/support/cli-io';

function captureIo(cwd: string): CapturedCliIo {
  return captureCliIo({ cwd, env: { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, KETENLENS_DATA_DIR: join(cwd, '.ketenlens-data') } });
}

// Three announced fines without a decision: a backlog of 3 in the youngest age band.
const SMALL_BACKLOG_SQL = `
INSERT INTO inburgeraar (id, stelsel, doelgroep, plicht_start, termijn_einde, gemeente_code, status, status_datum) VALUES
  ('p1', 'Wi2013', 'asiel', '2019-01-01', '2023-10-01', NULL, 'lopend', NULL),
  ('p2', 'Wi2013', 'asiel', '2019-01-01', '2023-10-01', NULL, 'lopend', NULL),
  ('p3', 'Wi2013', 'asiel', '2019-01-01', '2023-10-01', NULL, 'lopend', NULL);
INSERT INTO termijnoverschrijding (id, inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent) VALUES
  (1, 'p1', '2023-10-01', '2023-12-01', NULL, NULL, NULL, NULL),
  (2, 'p2', '2023-10-01', '2023-12-01', NULL, NULL, NULL, NULL),
  (3, 'p3', '2023-10-01', '2023-12-01', NULL, NULL, NULL, NULL);`;

let fixture: SnapshotFixture;
let small: SnapshotFixture;
beforeAll(async () => {
  fixture = await buildSnapshotFile('', { name: 'leeg.snapshot.age' });
  small = await buildSnapshotFile(SMALL_BACKLOG_SQL, { name: 'klein.snapshot.age', meta: { peildatum: '2024-01-01' } });
});
afterAll(() => {
  fixture.remove();
  small.remove();
});

describe('ketenlens bijlage', () => {
  it('writes a DOCX with Tabel 1 and Tabel 2 in the order given, and reports the SHA-256', async () => {
    const capture = captureIo(fixture.directory);
    const code = await main(['bijlage', 'leeg.snapshot.age', '--tables', 'boete-ouderdom,elip-cohorten', '--out', 'bijlage.docx'], capture.io);
    expect(capture.stderr()).toMatch(/Written: .*bijlage\.docx \(\d+ bytes, SHA-256 [0-9a-f]{64}\)/);
    expect(code).toBe(EXIT.ok);
    const documentXml = unzip(readFileSync(join(fixture.directory, 'bijlage.docx')))['word/document.xml'] ?? '';
    const captions = docxParagraphs(documentXml).filter((paragraph) => paragraph.startsWith('Tabel '));
    expect(captions).toHaveLength(2);
    expect(captions[0]).toMatch(/^Tabel 1: /);
    expect(captions[1]).toMatch(/^Tabel 2: ELIP/);
    expect(docxTables(documentXml)).toHaveLength(2);
  });

  it('writes an XLSX with Inhoud and a sheet per table; format from the extension', async () => {
    const capture = captureIo(fixture.directory);
    expect(await main(['bijlage', 'leeg.snapshot.age', '--tables', 'elip-cohorten,boete-ouderdom', '-o', 'bijlage.xlsx'], capture.io)).toBe(EXIT.ok);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(join(fixture.directory, 'bijlage.xlsx'))).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Inhoud', 'Tabel 1', 'Tabel 2']);
    expect(String(workbook.getWorksheet('Tabel 1')?.getCell('A1').value)).toMatch(/^Tabel 1: ELIP/);
  });

  it('refuses to overwrite without --force and leaves the file as it was', async () => {
    const path = join(fixture.directory, 'bestaat.odt');
    writeFileSync(path, 'oud');
    const capture = captureIo(fixture.directory);
    expect(await main(['bijlage', 'leeg.snapshot.age', '--tables', 'boete-ouderdom', '--out', 'bestaat.odt'], capture.io)).toBe(EXIT.refused);
    expect(capture.stderr()).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toBe('oud');
    expect(await main(['bijlage', 'leeg.snapshot.age', '--tables', 'boete-ouderdom', '--out', 'bestaat.odt', '--force'], captureIo(fixture.directory).io)).toBe(EXIT.ok);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('suppresses small counts by default; --disclosure none shows them and warns', async () => {
    const protectedRun = captureIo(small.directory);
    expect(await main(['bijlage', 'klein.snapshot.age', '--tables', 'boete-ouderdom', '--out', 'beschermd.docx'], protectedRun.io)).toBe(EXIT.ok);
    const cells = (docxTables(unzip(readFileSync(join(small.directory, 'beschermd.docx')))['word/document.xml'] ?? '')[0] ?? []).flat();
    expect(cells).toContain('<10');
    expect(cells).not.toContain('3');
    expect(protectedRun.stderr()).not.toContain('without protection');
    const openRun = captureIo(small.directory);
    expect(await main(['bijlage', 'klein.snapshot.age', '--tables', 'boete-ouderdom', '--disclosure', 'none', '--out', 'open.docx'], openRun.io)).toBe(EXIT.ok);
    const openCells = (docxTables(unzip(readFileSync(join(small.directory, 'open.docx')))['word/document.xml'] ?? '')[0] ?? []).flat();
    expect(openCells).toContain('3');
    expect(openRun.stderr()).toMatch(/shows \d+ count\(s\) from 1 to 9 without protection/);
  });

  it('refuses bad options before opening the snapshot', async () => {
    const cases: [string[], RegExp][] = [
      [['--tables', 'bestaat-niet', '--out', 'x.docx'], /Unknown table 'bestaat-niet'/],
      [['--tables', 'elip-cohorten', '--out', 'x.csv'], /cannot be a bijlage/],
      [['--tables', 'elip-cohorten'], /--out FILE/],
      [['--tables', 'elip-cohorten', '--out', 'x.docx', '--disclosure', 'blur'], /round5/],
      [['--tables', 'elip-cohorten', '--out', 'x.docx', '--peildatum', '2023-01-01,2023-13-45'], /'2023-13-45' is not a valid date/],
      [['--out', 'x.docx'], /--tables/],
    ];
    const capture = captureIo(fixture.directory);
    capture.io.env = { KETENLENS_DATA_DIR: join(fixture.directory, '.ketenlens-data') };
    expect(await main(['bijlage', 'leeg.snapshot.age', '--tables', 'elip-cohorten', '--out', 'geen-map/x.docx'], capture.io)).toBe(EXIT.io);
    expect(capture.stderr()).toContain('the folder does not exist');
    for (const [options, message] of cases) {
      const capture = captureIo(fixture.directory);
      // No passphrase: a refusal after opening would be a key error (3) instead.
      capture.io.env = { KETENLENS_DATA_DIR: join(fixture.directory, '.ketenlens-data') };
      expect(await main(['bijlage', 'leeg.snapshot.age', ...options], capture.io)).toBe(EXIT.usage);
      expect(capture.stderr()).toMatch(message);
    }
    expect(existsSync(join(fixture.directory, 'x.docx'))).toBe(false);
    expect(readdirSync(fixture.directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
