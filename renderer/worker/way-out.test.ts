// The worker half of the one way out: default protection, confirmation of what would
// leave unprotected, person-level by what a result is (not its column names), and exports
// of exactly what the grid shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_DISCLOSURE } from '../../shared/export/disclosure';
import { provenanceSidecarName, readProvenance } from '../../shared/export/provenance';
import { runReadOnlyQuery } from '../../shared/snapshot/query';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import { createAnalysisSession, type AnalysisSession } from '../../shared/tables/session';
import { buildTable } from '../../shared/tables/catalogue';
import { openFixture } from '../../test/support/snapshot';
import { tabel1Model } from '../../test/golden/tabel1';
import type { GridView, OutRequest, OutResponse } from './protocol';
import { queryModel } from './query-model';
import { isAggregatedByConstruction, prepareOutgoing, tableAsTsv } from './way-out';

/** The entry an export was recorded under, appended before the file is made. */
const ENTRY = { seq: 7, hash: 'c0'.repeat(32) };

const WHOLE: GridView = { filters: {}, search: '', sorting: [], hiddenColumns: [], selectedRows: [] };

function request(overrides: Partial<OutRequest>): OutRequest {
  return { models: [tabel1Model()], view: WHOLE, disclosure: DEFAULT_TABLE_DISCLOSURE, target: { kind: 'clipboard-text' }, confirmed: false, audit: null, ...overrides };
}

function ready(response: OutResponse) {
  if (response.kind !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(response)}`);
  return response;
}

describe('a catalogue table', () => {
  it('leaves with suppression below 10 by default: Tabel 1 copies with <10 and x, and no confirmation', async () => {
    const out = ready(await prepareOutgoing(request({})));
    const lines = (out.text ?? '').trimEnd().split('\n');
    expect(lines[0]).toBe("Peildatum\t'13\t'14\t'15\t'16\t'17\t'18\t'19\t'20\t'21\t'22/'23\tTotaal");
    // 4 (2021, first date), 1 (2022-2023, second) and 2 (third) are hidden as '<10'; zero never is.
    expect(lines[1]?.split('\t')[9]).toBe('<10');
    expect(lines[2]?.split('\t')[10]).toBe('<10');
    expect(lines[3]?.split('\t')[10]).toBe('<10');
    // Secondary suppression: cells that would give the small ones away show 'x'.
    expect(out.text).toContain('\tx');
    expect(out.risks).toEqual({ personLevel: false, smallCells: 0, k: 10 });
    expect(out.hiddenCells).toBeGreaterThanOrEqual(3);
  });

  it('asks before counts of 1–9 leave unprotected, and gives nothing until confirmed', async () => {
    const asked = await prepareOutgoing(request({ disclosure: { method: 'none' }, target: { kind: 'file', format: 'csv' } }));
    // 4, 1 and 2 are below 10 (0 is not a small count).
    expect(asked).toEqual({ kind: 'confirm', risks: { personLevel: false, smallCells: 3, k: 10 } });
    const out = ready(await prepareOutgoing(request({ disclosure: { method: 'none' }, target: { kind: 'file', format: 'csv' }, confirmed: true, audit: ENTRY })));
    expect(new TextDecoder().decode(out.bytes ?? new Uint8Array())).toContain(';4;0;');
  });

  it('rounding protects too: no confirmation, every count a multiple of 5', async () => {
    const out = ready(await prepareOutgoing(request({ disclosure: { method: 'round', base: 5 } })));
    const counts = (out.text ?? '').trimEnd().split('\n').slice(1).flatMap((line) => line.split('\t').slice(1, 11));
    expect(counts.every((cell) => Number(cell.replace('.', '')) % 5 === 0)).toBe(true);
  });

  it('copies as HTML with the same protection', async () => {
    const out = ready(await prepareOutgoing(request({ target: { kind: 'clipboard-html' } })));
    expect(out.html).toContain('&lt;10');
    expect(out.text).toContain('<10');
  });

  it('a chart of a table with small counts is confirmed, since a graphic cannot be suppressed', async () => {
    expect(await prepareOutgoing(request({ target: { kind: 'graphic' }, view: null }))).toEqual({ kind: 'confirm', risks: { personLevel: false, smallCells: 3, k: 10 } });
  });

  it('a bijlage protects every table', async () => {
    const out = ready(await prepareOutgoing(request({ models: [tabel1Model(), tabel1Model()], view: null, target: { kind: 'bijlage', format: 'xlsx' }, audit: ENTRY })));
    expect(out.bytes?.byteLength).toBeGreaterThan(1000);
    expect(out.rows).toBe(6);
  });
});

describe('a file names the audit entry that records it', () => {
  it('is not made without its entry: asking (audit null) gives the rows and risks, no bytes', async () => {
    for (const target of [{ kind: 'file', format: 'docx' }, { kind: 'bijlage', format: 'odt' }] as const) {
      const out = ready(await prepareOutgoing(request({ view: null, target })));
      expect(out).toMatchObject({ bytes: null, sidecar: null, rows: 3 });
    }
  });

  it('names the entry in the visible provenance line and the embedded provenance of every format', async () => {
    for (const format of ['docx', 'xlsx', 'odt', 'ods', 'html', 'md'] as const) {
      const out = ready(await prepareOutgoing(request({ view: null, target: { kind: 'file', format }, audit: ENTRY })));
      expect(readProvenance(out.bytes ?? new Uint8Array(), `t.${format}`)?.audit).toEqual(ENTRY);
      expect(out.sidecar).toBeNull();
    }
    const markdown = ready(await prepareOutgoing(request({ view: null, target: { kind: 'file', format: 'md' }, audit: ENTRY })));
    expect(new TextDecoder().decode(markdown.bytes ?? new Uint8Array())).toContain(`auditregel 7 (${'c0'.repeat(6)})`);
    const bijlage = ready(await prepareOutgoing(request({ models: [tabel1Model(), tabel1Model()], view: null, target: { kind: 'bijlage', format: 'docx' }, audit: ENTRY })));
    expect(readProvenance(bijlage.bytes ?? new Uint8Array(), 'b.docx')?.audit).toEqual(ENTRY);
  });

  it('CSV carries it in the sidecar, as the command line writes it', async () => {
    const out = ready(await prepareOutgoing(request({ view: null, target: { kind: 'file', format: 'csv' }, audit: ENTRY })));
    const sidecar = readProvenance(out.sidecar ?? new Uint8Array(), provenanceSidecarName('t.csv'));
    expect(sidecar).toMatchObject({ format: 'csv', audit: ENTRY, tables: [{ number: 1, id: 'elip-cohorten' }] });
  });
});

describe('export what you see', () => {
  it('applies filters, search, sort order, hidden columns and the selection; the notes say so', async () => {
    const view: GridView = { filters: { '2019': '> 400' }, search: '', sorting: [{ key: '2019', descending: true }], hiddenColumns: ['2013', '2014'], selectedRows: [] };
    const out = ready(await prepareOutgoing(request({ view, target: { kind: 'file', format: 'csv' }, audit: ENTRY })));
    const csv = new TextDecoder().decode(out.bytes ?? new Uint8Array());
    const lines = csv.split(/\r?\n/);
    const header = lines.find((line) => line.startsWith('Peildatum'));
    expect(header).toBe("Peildatum;'15;'16;'17;'18;'19;'20;'21;'22/'23;Totaal");
    // 627 (2023-07-01) before 487 (2022-10-15); 270 (2022-05-01) is filtered out.
    const body = lines.filter((line) => /^\d{2}-\d{2}-\d{4};/.test(line));
    expect(body.map((line) => line.split(';')[0])).toEqual(['01-07-2023', '15-10-2022']);
    expect(out.rows).toBe(2);
    expect(out.viewNote).toBe("Getoond in Ketenlens met filter '19 ‘> 400’; verborgen kolommen: '13, '14. 2 van 3 rijen.");
    // Formats with notes carry it (the CSV of tables-v1.md has no notes).
    const markdown = ready(await prepareOutgoing(request({ view, target: { kind: 'file', format: 'md' }, audit: ENTRY })));
    expect(new TextDecoder().decode(markdown.bytes ?? new Uint8Array())).toContain(out.viewNote ?? '(none)');
  });

  it('protects the whole table before cutting it, so a hidden cell stays hidden whatever the filter', async () => {
    const view: GridView = { ...WHOLE, filters: { peildatum: '2022-05' } };
    const out = ready(await prepareOutgoing(request({ view })));
    const lines = (out.text ?? '').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.split('\t')[9]).toBe('<10');
  });

  it('copies only the selected rows, in the shown order', async () => {
    const out = ready(await prepareOutgoing(request({ view: { ...WHOLE, selectedRows: [2, 0] } })));
    const lines = (out.text ?? '').trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split('\t')[0])).toEqual(['01-05-2022', '01-07-2023']);
    expect(out.viewNote).toContain('selectie van 2 rijen');
  });
});

describe('person-level by what the result is', () => {
  let snapshot: OpenedSnapshot;
  let session: AnalysisSession;
  beforeAll(async () => {
    snapshot = await openFixture(`
      INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland'), ('GM0599', 'Rotterdam', 'Zuid-Holland');
      INSERT INTO inburgeraar VALUES
        ('a01', 'Wi2013', 'asiel', '2015-03-01', NULL, 'GM0363', 'lopend', NULL),
        ('a02', 'Wi2013', 'asiel', '2016-01-01', NULL, 'GM0363', 'lopend', NULL),
        ('a03', 'Wi2013', 'gezin', '2016-06-01', NULL, 'GM0599', 'lopend', NULL);
    `);
    session = createAnalysisSession(snapshot);
  });
  afterAll(() => snapshot.close());

  const model = (sql: string) => queryModel(sql, runReadOnlyQuery(snapshot.db, sql, { maxRows: 1000 }), session);

  // None of these may pass as aggregated: the old rule looked for columns named id.
  const ATTEMPTS: [string, string][] = [
    ['an alias', 'SELECT id AS x FROM inburgeraar'],
    ['an expression', "SELECT 'p-' || id AS label, upper(gemeente_code) AS g FROM inburgeraar"],
    ['a subquery', 'SELECT t.n FROM (SELECT id AS n FROM inburgeraar) AS t'],
    ['a join', 'SELECT g.naam AS gemeente, i.plicht_start AS s FROM inburgeraar i JOIN gemeente g ON g.code = i.gemeente_code'],
    ['a CTE', 'WITH p AS (SELECT id AS who FROM inburgeraar) SELECT who AS w FROM p'],
    ['a UNION', "SELECT id AS v FROM inburgeraar UNION SELECT 'x' AS v"],
    ['a GROUP BY whose groups hold 1 or 2 persons', 'SELECT gemeente_code AS g, count(*) AS personen FROM inburgeraar GROUP BY gemeente_code'],
    ['a single count', 'SELECT count(*) AS n FROM inburgeraar'],
  ];

  for (const [what, sql] of ATTEMPTS) {
    it(`a query with ${what} needs confirmation for the clipboard and for a file`, async () => {
      const result = model(sql);
      expect(isAggregatedByConstruction(result)).toBe(false);
      for (const target of [{ kind: 'clipboard-text' }, { kind: 'clipboard-html' }, { kind: 'file', format: 'xlsx' }] as const) {
        const asked = await prepareOutgoing(request({ models: [result], disclosure: { method: 'none' }, target }));
        expect(asked.kind).toBe('confirm');
        if (asked.kind === 'confirm') expect(asked.risks.personLevel).toBe(true);
      }
      // Even when suppression is chosen: protecting counts does not make rows aggregates.
      expect((await prepareOutgoing(request({ models: [result], target: { kind: 'clipboard-text' } }))).kind).toBe('confirm');
      const confirmed = ready(await prepareOutgoing(request({ models: [result], disclosure: { method: 'none' }, confirmed: true })));
      expect(confirmed.rows).toBe(result.rows.length);
    });
  }

  it('a query result dressed up as a catalogue table is still person-level', () => {
    const result = model('SELECT id FROM inburgeraar');
    expect(isAggregatedByConstruction({ ...result, parameters: {} })).toBe(false);
    expect(isAggregatedByConstruction({ ...result, id: 'unknown-table', parameters: {} })).toBe(false);
  });

  it('a table the catalogue built is aggregated by construction', () => {
    const built = buildTable(session, 'elip-gemeenten', { peildata: ['2023-01-01'] });
    expect(isAggregatedByConstruction(built)).toBe(true);
  });
});

describe('tableAsTsv', () => {
  it('writes tabs, Dutch numbers and the totals row last', () => {
    const model = { ...tabel1Model(), rows: [{ peildatum: '2022-05-01', '2013': 2396, totaal: 2396 }], totals: { '2013': 2396, totaal: 2396 } };
    const lines = tableAsTsv({ ...model, columns: model.columns.filter((c) => ['peildatum', '2013', 'totaal'].includes(c.key)) }).split('\n');
    expect(lines.slice(0, 3)).toEqual(["Peildatum\t'13\tTotaal", '01-05-2022\t2.396\t2.396', 'Totaal\t2.396\t2.396']);
  });
});
