// Round trips of the machine-readable provenance: embedded by exportTable/exportBijlage in
// every format, read back by readProvenance with the same tables, parameters, disclosure
// and audit entry; the visible provenance line names the audit entry too.
import { describe, expect, it } from 'vitest';
import type { TableModel } from '../tables/model';
import { applyDisclosure } from './disclosure';
import { BIJLAGE_FORMATS, EXPORT_FORMATS, FILE_EXTENSIONS, exportBijlage, exportTable } from './index';
import { provenanceLine } from './layout';
import {
  PROVENANCE_SCHEMA, buildProvenance, embedProvenance, needsProvenanceSidecar, provenanceSidecar, provenanceSidecarName, readProvenance,
  withAuditReference,
} from './provenance';
import { textEntry, unzipEntries, zipEntries } from './zip';

const AUDIT = { seq: 12, hash: '3f2a9c01b7de'.padEnd(64, '0') };
const SHA = 'c801c015dd188709a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899'.slice(0, 64);

function model(id = 'elip-gemeenten', count = 7): TableModel {
  return {
    id,
    title: `Titel van ${id} <met> & "tekens" -- en meer`,
    columns: [{ key: 'gemeente', label: 'Gemeente', type: 'text' }, { key: 'aantal', label: 'Aantal', type: 'count' }],
    rows: [{ gemeente: 'Utrecht', aantal: count }, { gemeente: 'Zwolle', aantal: 240 }],
    totals: null,
    notes: [],
    source: 'DUO',
    // Parameters with the characters that could break a comment, a script or XML.
    parameters: { doelgroep: 'asiel', drempel_cent: 950000, peildata: ['2023-07-01'], incident: 'INC--1 </script> <!-- & "x"' },
    disclosure: { method: 'none' },
    provenance: { snapshot_sha256: SHA, peildatum: '2023-09-15', generator: 'ketenlens 0.1.0', created_at: '2026-11-23T13:30:00Z' },
  };
}

describe('machine-readable provenance', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: reads back the tables, parameters, disclosure and audit entry`, async () => {
      const [audited] = withAuditReference([applyDisclosure(model(), { method: 'suppress', k: 10 })], AUDIT);
      const bytes = await exportTable(audited!, format, { tableNumber: 3 });
      const fileName = `tabel${FILE_EXTENSIONS[format]}`;
      const expected = buildProvenance([audited!], format, 3);
      if (needsProvenanceSidecar(format)) {
        expect(readProvenance(bytes, fileName)).toBeNull();
        const sidecar = new TextEncoder().encode(provenanceSidecar(expected));
        expect(readProvenance(sidecar, provenanceSidecarName(fileName))).toEqual(expected);
        return;
      }
      const read = readProvenance(bytes, fileName);
      // JSON is the model itself: it has no caption number or format of its own.
      expect(read).toEqual(format === 'json' ? { ...expected, tables: [{ ...expected.tables[0], number: 1 }] } : expected);
      expect(read?.schema).toBe(PROVENANCE_SCHEMA);
      expect(read?.audit).toEqual(AUDIT);
      expect(read?.tables[0]?.parameters.incident).toBe('INC--1 </script> <!-- & "x"');
      expect(read?.tables[0]?.disclosure).toMatchObject({ method: 'suppress', k: 10, primary: 1 });
    });
  }

  for (const format of BIJLAGE_FORMATS) {
    it(`${format} bijlage: every table, numbered in order`, async () => {
      const models = withAuditReference([model('elip-gemeenten'), model('boete-achterstand', 300)], AUDIT);
      const read = readProvenance(await exportBijlage(models, format), `bijlage.${format}`);
      expect(read?.tables.map((table) => [table.number, table.id])).toEqual([[1, 'elip-gemeenten'], [2, 'boete-achterstand']]);
      expect(read?.snapshot).toEqual({ sha256: SHA, peildatum: '2023-09-15' });
      expect(read?.audit).toEqual(AUDIT);
    });
  }

  it('splits long provenance over numbered custom properties (at most 255 characters each) in docx', async () => {
    const long = { ...model(), parameters: { note: 'x'.repeat(900) } };
    const bytes = await exportTable(long, 'docx');
    const custom = new TextDecoder().decode(unzipEntries(bytes).find((entry) => entry.path === 'docProps/custom.xml')!.data);
    expect(custom.match(/name="ketenlens-provenance-\d+"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(readProvenance(bytes, 'x.docx')?.tables[0]?.parameters.note).toBe('x'.repeat(900));
  });

  it('registers the custom properties part in an xlsx (content type and relationship)', async () => {
    const entries = unzipEntries(await exportTable(model(), 'xlsx'));
    const text = (path: string) => new TextDecoder().decode(entries.find((entry) => entry.path === path)!.data);
    expect(text('[Content_Types].xml')).toContain('PartName="/docProps/custom.xml"');
    expect(text('_rels/.rels')).toContain('Target="docProps/custom.xml"');
  });

  it('keeps mimetype first and stored in OpenDocument files', async () => {
    const bytes = await exportTable(model(), 'ods');
    expect(unzipEntries(bytes)[0]?.path).toBe('mimetype');
    // A stored entry's bytes appear literally right after its local header.
    expect(new TextDecoder().decode(bytes.subarray(38, 38 + 46))).toBe('application/vnd.oasis.opendocument.spreadsheet');
  });

  it('names the audit entry in the visible provenance line, next to the snapshot hash', () => {
    const [audited] = withAuditReference([model()], AUDIT);
    // The parameters follow the peildatum in words (shared/format/parameters).
    expect(provenanceLine(audited!)).toBe(
      'Ketenlens-snapshot c801c015dd18 · auditregel 12 (3f2a9c01b7de) · peildatum 15-09-2023 · peildatum 01-07-2023 · doelgroep asielmigranten · ' +
        'ELIP-A: minstens € 9.500 van de lening gebruikt · incident INC--1 </script> <!-- & "x" · ketenlens 0.1.0 · gemaakt 23-11-2026 14:30',
    );
    expect(provenanceLine(model())).not.toContain('auditregel');
  });

  it('reads null from a file without provenance, and refuses damaged provenance by name', async () => {
    expect(readProvenance(new TextEncoder().encode('# Tabel\n'), 'oud.md')).toBeNull();
    const html = new TextEncoder().encode('<script type="application/json" id="ketenlens-provenance">{"schema":"ketenlens-export-provenance/1"}</script>');
    expect(() => readProvenance(html, 'x.html')).toThrow(/provenance in 'x.html'.*missing or has the wrong type/);
    expect(() => readProvenance(new TextEncoder().encode('{}x'), 'x.csv.provenance.json')).toThrow(/not valid JSON/);
    expect(() => readProvenance(new Uint8Array([1, 2, 3]), 'x.docx')).toThrow(/not a valid zip/);
    expect(() => readProvenance(new Uint8Array(), 'x.pdf')).toThrow(/not a Ketenlens export format/);
    // A missing part of a split property is noticed, not silently joined.
    const bytes = await exportTable({ ...model(), parameters: { note: 'y'.repeat(600) } }, 'docx');
    const edited = zipEntries(unzipEntries(bytes).map((entry) => entry.path === 'docProps/custom.xml'
      ? textEntry(entry.path, new TextDecoder().decode(entry.data).replace(/<property[^>]*name="ketenlens-provenance-2".*?<\/property>/, ''))
      : entry));
    expect(() => readProvenance(edited, 'x.docx')).toThrow(/part of the document property is missing/);
  });

  it('leaves CSV and JSON bytes as they are (sidecar; the model carries it)', () => {
    const bytes = new TextEncoder().encode('a;b\r\n');
    const provenance = buildProvenance([model()], 'csv');
    expect(embedProvenance(bytes, 'csv', provenance)).toBe(bytes);
    expect(embedProvenance(bytes, 'json', provenance)).toBe(bytes);
    expect(provenanceSidecarName('uit/tabel.csv')).toBe('uit/tabel.csv.provenance.json');
  });
});
