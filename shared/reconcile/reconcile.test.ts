// Reconcile and verify against the demo snapshot: the published Tabel 1 of nr. 391 (text
// copied from the letter, and as Word puts it on the clipboard) gives exactly one problem;
// each of our export formats reads back with no difference; an edited cell is found;
// rounded and suppressed tables are consistent; what cannot be matched is named.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { generateDemoSnapshot } from '../demo/index';
import { openSnapshotFromPlaintext } from '../snapshot/open';
import { buildTable } from '../tables/catalogue';
import { createAnalysisSession, type AnalysisSession } from '../tables/session';
import type { TableModel } from '../tables/model';
import { loadSqlJs } from '../../test/support/snapshot';
import { applyDisclosure, parseDisclosure } from '../export/disclosure';
import { EXPORT_FORMATS, FILE_EXTENSIONS, exportBijlage, exportTable, readProvenance } from '../export/index';
import { MissingParameterError, TableNotRecognisedError, UnreadableTableError } from '../errors';
import { readTablesFromFile, readTablesFromText } from './read/index';
import { reconcileTable, verifyTable } from './reconcile';
import { SIGNATURES, headerLabel } from './match';
import { formatReport, reportModel } from './report';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/reconcile/${name}`, import.meta.url), 'utf8');
const TABEL1_REQUEST = { peildata: ['2022-05-01', '2022-10-15', '2023-07-01'], cohort_merge_from: 2022 };

let session: AnalysisSession;
let tabel1: TableModel;
beforeAll(async () => {
  const plaintext = generateDemoSnapshot(await loadSqlJs());
  const snapshot = await openSnapshotFromPlaintext(plaintext, { sha256: 'ab'.repeat(32), fileSize: plaintext.length, keyKind: 'passphrase' }, loadSqlJs);
  session = createAnalysisSession(snapshot, { now: () => new Date('2026-12-05T08:00:00Z') });
  tabel1 = buildTable(session, 'elip-cohorten', TABEL1_REQUEST);
}, 120_000);

function expectOnlyTheTotaalOf20230701(text: string) {
  const [table] = readTablesFromText(text);
  const result = reconcileTable(session, { table: table! });
  expect(result.tableId).toBe('elip-cohorten');
  expect(result.request).toMatchObject({ ...TABEL1_REQUEST, doelgroep: 'asiel', drempel_cent: 950_000 });
  expect(result.comparison.problems).toHaveLength(1);
  const [problem] = result.comparison.problems;
  expect(problem?.kind).toBe('cell');
  expect(problem?.cell).toMatchObject({
    rowLabel: '01-07-2023', columnKey: 'totaal', published: '2.341', expected: 2436, difference: -95, status: 'different',
    sumOfCells: { sum: 2436, consistent: false },
  });
  expect(result.comparison.counts).toEqual({ equal: 35, different: 1, rounded: 0, suppressed: 0, hidden: 0 });
  expect(result.comparison.totalsChecked).toBe(3);
  expect(result.comparison.totalsInconsistent).toBe(1);
  return result;
}

describe('the published Tabel 1 of Kamerstuk 32 824, nr. 391', () => {
  it('as copied from the letter (tabs) reports exactly one problem: the Totaal of 01-07-2023', () => {
    const result = expectOnlyTheTotaalOf20230701(fixture('tabel1-391.txt'));
    const summary = formatReport(result, 'tabel1-391.txt', 'nl');
    expect(summary).toContain('01-07-2023 · Totaal: gepubliceerd 2.341; de cellen tellen op tot 2.436; de data geeft 2.436 (verschil −95).');
  });

  it('as lines from a PDF (runs of spaces, "\'22 /\'23" split) gives the same', () => {
    expectOnlyTheTotaalOf20230701(fixture('tabel1-391.txt').replace(/\t/g, '   '));
  });

  it('as Word puts it on the clipboard (mso- styles, <o:p>, &nbsp;, CF_HTML preamble) gives the same', () => {
    const [table] = readTablesFromText(fixture('word-clipboard.html'));
    expect(table?.format).toBe('html');
    expect(table?.title).toBe('ELIP minstens € 9.500 geleend, per cohort (asielmigranten)');
    expect(table?.headers.map(headerLabel)).toEqual(['peildatum', "'13", "'14", "'15", "'16", "'17", "'18", "'19", "'20", "'21", "'22/'23", 'totaal']);
    expectOnlyTheTotaalOf20230701(fixture('word-clipboard.html'));
  });

  it('as TSV from Excel without the title still matches (parameters from the dates and defaults)', () => {
    const tsv = fixture('tabel1-391.txt').split('\n').filter((line) => line.includes('\t')).join('\r\n');
    const [table] = readTablesFromText(tsv);
    const result = reconcileTable(session, { table: table! });
    expect(result.sources).toMatchObject({ peildata: 'table', cohort_merge_from: 'table', doelgroep: 'default', drempel_cent: 'default' });
    expect(result.comparison.problems).toHaveLength(1);
  });

  it('the report table says it and carries provenance, without exact values of protected cells', () => {
    const [table] = readTablesFromText(fixture('tabel1-391.txt'));
    const model = reportModel(session, reconcileTable(session, { table: table! }), { name: 'tabel1-391.txt', sha256: 'f'.repeat(64) });
    expect(model.rows).toEqual([
      expect.objectContaining({ rij: '01-07-2023', kolom: 'Totaal', gepubliceerd: '2.341', data: '2.436', som_cellen: '2.436', verschil: -95 }),
    ]);
    expect(model.provenance.snapshot_sha256).toBe('ab'.repeat(32));
    expect(model.parameters).toMatchObject({ tabel: 'elip-cohorten', bestand: 'tabel1-391.txt', bestand_sha256: 'f'.repeat(64) });
  });
});

describe('our own exports read back', () => {
  it.each(EXPORT_FORMATS)('%s: verify finds every cell the same, reconcile finds no problem', async (format) => {
    const bytes = await exportTable(tabel1, format);
    const [table] = readTablesFromFile(bytes, `tabel1${FILE_EXTENSIONS[format]}`);
    const verified = verifyTable(session, { table: table! });
    expect(verified.comparison.problems).toEqual([]);
    expect(verified.comparison.counts.equal).toBe(36);
    const reconciled = reconcileTable(session, { table: table! });
    expect(reconciled.comparison.problems).toEqual([]);
    expect(reconciled.comparison.totalsChecked).toBe(3);
  });

  it.each(['suppress', 'suppress:5', 'round5', 'round10'])('elip-gemeenten with %s: verify and reconcile are consistent in md, xlsx, ods, docx', async (option) => {
    const exact = buildTable(session, 'elip-gemeenten', {});
    const protectedModel = applyDisclosure(exact, parseDisclosure(option));
    for (const format of ['md', 'xlsx', 'ods', 'docx'] as const) {
      const [table] = readTablesFromFile(await exportTable(protectedModel, format), `g${FILE_EXTENSIONS[format]}`);
      const verified = verifyTable(session, { table: table! });
      expect(verified.comparison.problems, `${option} ${format} verify`).toEqual([]);
      const reconciled = reconcileTable(session, { table: table! });
      expect(reconciled.comparison.problems, `${option} ${format} reconcile`).toEqual([]);
      const counts = reconciled.comparison.counts;
      if (option.startsWith('round')) expect(counts.rounded).toBeGreaterThan(100);
      else expect(counts.suppressed + counts.hidden).toBeGreaterThan(100);
    }
  });

  it.each(['docx', 'odt', 'xlsx', 'ods'] as const)('a bijlage in %s: every table verifies at the parameters its provenance records', async (format) => {
    const models = [
      applyDisclosure(tabel1, parseDisclosure('suppress')),
      applyDisclosure(buildTable(session, 'boete-ouderdom', { peildata: ['2023-07-01'] }), parseDisclosure('round5')),
    ];
    const bytes = await exportBijlage(models, format);
    const tables = readTablesFromFile(bytes, `bijlage.${format}`);
    const provenance = readProvenance(bytes, `bijlage.${format}`);
    expect(tables).toHaveLength(2);
    tables.forEach((table, index) => {
      const recorded = provenance?.tables[index];
      const result = verifyTable(session, { table, provenance: recorded === undefined ? null : { tableId: recorded.id, parameters: recorded.parameters, disclosure: recorded.disclosure } });
      expect(result.tableId).toBe(models[index]?.id);
      expect(result.comparison.problems, `${format} table ${index + 1}`).toEqual([]);
    });
  });

  it('a hand-edited cell in Markdown is found by verify and by reconcile', async () => {
    const text = new TextDecoder().decode(await exportTable(tabel1, 'md')).replace('| 601 |', '| 611 |');
    const [table] = readTablesFromText(text, 'edited.md', 'md');
    const verified = verifyTable(session, { table: table! });
    expect(verified.comparison.problems).toHaveLength(1);
    expect(verified.comparison.problems[0]?.cell).toMatchObject({ rowLabel: '01-05-2022', columnLabel: "'17", published: '611', expected: 601, difference: 10 });
    const reconciled = reconcileTable(session, { table: table! });
    // The cell differs from the data, and the row's Totaal no longer matches its cells.
    expect(reconciled.comparison.problems.map((problem) => `${problem.rowLabel} ${problem.columnLabel}`)).toEqual(['01-05-2022 \'17', '01-05-2022 Totaal']);
  });

  it('a hand-edited cell inside a DOCX is found', async () => {
    const files = unzipSync(await exportTable(tabel1, 'docx'));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    files['word/document.xml'] = new TextEncoder().encode(xml.replace('>2.102<', '>2.120<'));
    const [table] = readTablesFromFile(zipSync(files), 'edited.docx');
    const verified = verifyTable(session, { table: table! });
    expect(verified.comparison.problems.map((problem) => problem.cell?.difference)).toEqual([18]);
  });

  it('a suppressed cell shown as a number is a difference in verify', async () => {
    const protectedModel = applyDisclosure(buildTable(session, 'elip-gemeenten', {}), parseDisclosure('suppress'));
    const text = new TextDecoder().decode(await exportTable(protectedModel, 'md'));
    const edited = text.replace(/\| &lt;10 \||\| <10 \|/, '| 3 |');
    expect(edited).not.toBe(text);
    const [table] = readTablesFromText(edited, 'g.md', 'md');
    expect(verifyTable(session, { table: table! }).comparison.problems).toHaveLength(1);
  });
});

describe('what cannot be matched is named', () => {
  it('columns of no catalogue table', () => {
    const [table] = readTablesFromText('Naam\tAantal\nA\t3\nB\t4\n');
    expect(() => reconcileTable(session, { table: table! })).toThrow(TableNotRecognisedError);
  });

  it('a peildatum that neither the table nor the options give', () => {
    const [table] = readTablesFromText('Tijd sinds aankondiging\tAchterstand\n0-3m\t281\n3-6m\t431\n');
    expect(() => reconcileTable(session, { table: table! })).toThrow(MissingParameterError);
    expect(() => reconcileTable(session, { table: table! })).toThrow(/--peildatum/);
    const result = reconcileTable(session, { table: table!, options: { peildata: ['2023-09-15'] } });
    expect(result.sources.peildata).toBe('option');
  });

  it('an empty text and a PDF', () => {
    expect(() => readTablesFromText('   ')).toThrow(UnreadableTableError);
    expect(() => readTablesFromFile(new TextEncoder().encode('%PDF-1.7\n…'), 'brief.pdf')).toThrow(/copy the lines of the table/);
  });
});

describe('signatures stay in step with the table definitions', () => {
  it.each(SIGNATURES.map((signature) => signature.id).filter((id) => id !== 'datalek-ernst'))('%s', (id) => {
    const model = buildTable(session, id, {});
    const signature = SIGNATURES.find((each) => each.id === id)!;
    const labels = model.columns.map((column) => headerLabel(column.label));
    for (const label of labels) expect(signature.labels.includes(label) || signature.pattern?.test(label) === true, label).toBe(true);
  });
});
