// The art. 33 notification draft on the hand-computed datalek fixture: its figures, the
// 72-hour check, the severity with reasons, the saved assessment it rests on, disclosure
// control of the per-municipality counts, refusals — read back from the DOCX and the ODT.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { InvalidParameterError } from '../../errors';
import { exportDraftDocx, exportDraftOdt, type DraftDocument } from '../../export/draft-document';
import { fixtureSession } from '../../../test/support/snapshot';
import { DATALEK_SKIPPED, DATALEK_SQL } from '../../../test/support/datalek-fixture';
import { ASSESSMENT_FORMAT, type SavedAssessment } from './assessment';
import { notificationDraft } from './notification';

const INCIDENTS = `
INSERT INTO incident VALUES
  ('I1', 'Onterechte signalen Wi2021', 'datalek', '2022-01-10T09:00:00Z', '2022-01-20T09:00:00Z', '2022-01-14T12:00:00Z', '2022-01-28T09:00:00Z', 'Signalen aan verkeerde gemeenten.'),
  ('I2', 'Late IND-levering', 'vertraging', '2022-01-01T00:00:00Z', NULL, NULL, NULL, NULL);
`;

const text = (document: DraftDocument): string =>
  document.blocks.map((block) => (block.kind === 'field' ? `${block.label}: ${block.value}` : block.kind === 'table' ? block.table.caption : block.text)).join('\n');

const xmlText = (xml: string): string => xml.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('notification draft (art. 33)', () => {
  it('fills in the figures, the 72-hour check and the severity, and marks the fields to fill', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, DATALEK_SKIPPED);
    const draft = notificationDraft(session, { incident: 'I1', assessment: null, measuresTaken: 'Signalen ingetrokken.', measuresPlanned: '', subjectsInformation: '' });
    const body = text(draft);
    // Fixture as of 31 January 2022: p1, p2, p3 at three municipalities, 3 viewed, 5 views by 4 users; signals 1, 2, 3, 4, 8.
    expect(body).toContain('Aantal betrokkenen (bij benadering): 3 personen, van wie 3 daadwerkelijk ingezien');
    expect(body).toContain('Aantal records (bij benadering): 5 onterechte portaalsignalen bij 3 gemeenten; 5 inzagen door 4 gebruikers');
    expect(body).toContain('MED: Medische gegevens — bijzonder persoonsgegeven (art. 9/10 AVG)');
    expect(body).toContain('Bijzondere persoonsgegevens: ja');
    // 10 January 09:00 → 20 January 09:00 = 240 hours.
    expect(body).toContain('Gemeld 240,0 uur na ontdekking: later dan 72 uur (te laat');
    expect(body).toContain('Redenen voor de vertraging: [in te vullen door de beoordelaar]');
    // The first window starts 5 January 00:00 UTC (p3 at GM0002), the last is cut at the end of P; shown in Dutch time.
    expect(body).toContain('Inbreuk vond plaats van: 5-1-2022 01:00 tot 1-2-2022 01:00');
    // MED special → DPC 4 (3 persons: no scale raise), EI 1, views → CB 0,25.
    expect(body).toContain('SE = DPC × EI + CB = 4 × 1 + 0,25 = 4,25 (zeer hoog)');
    expect(body).toContain('onomkeerbare gevolgen');
    expect(body).toContain('Genomen maatregelen: Signalen ingetrokken.');
    expect(body).toContain('Voorgenomen maatregelen: [in te vullen door de beoordelaar]');
    expect(body).toContain('Betrokkenen geïnformeerd: ja, op 28-1-2022');
    expect(body).toContain('Er is geen bewaarde beoordeling');
    // Every municipality has 1 person: all hidden as <10, never the real 1.
    const table = draft.blocks.find((block) => block.kind === 'table');
    expect(table?.kind === 'table' ? table.table.body.map((row) => row.slice(2).map((cell) => cell.text)) : null).toEqual([
      ['<10', '<10', '<10'], ['<10', '<10', '<10'], ['<10', '<10', '<10'],
    ]);
  });

  it('rests on the saved assessment: its factors, name, date and reasoning', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, DATALEK_SKIPPED);
    const assessment: SavedAssessment = {
      format: ASSESSMENT_FORMAT, incident: 'I1', factors: { dpc: 3 }, circumstances: { maliciousIntent: true }, reasoning: 'Medische gegevens slechts een vlag.',
      assessor: 'M. de Vries', snapshotSha256: session.provenance().snapshot_sha256, peildatum: '2022-01-31', savedAt: '2026-12-05T08:00:00Z', via: 'app',
      result: { dpc: 3, ei: 1, cb: 0.75, se: 3.75, ernst: 'hoog' },
    };
    const draft = notificationDraft(session, { incident: 'I1', assessment, measuresTaken: '', measuresPlanned: '', subjectsInformation: '' });
    const body = text(draft);
    expect(body).toContain('SE = DPC × EI + CB = 3 × 1 + 0,75 = 3,75 (hoog)');
    expect(body).toContain('Beoordeling: M. de Vries, bewaard op 5-12-2026');
    expect(body).toContain('Vastgestelde factoren: DPC 3');
    expect(body).toContain('Toelichting van de beoordelaar: Medische gegevens slechts een vlag.');

    const docx = unzipSync(await exportDraftDocx(draft));
    const word = xmlText(new TextDecoder().decode(docx['word/document.xml']));
    expect(word).toContain('SE = DPC × EI + CB = 3 × 1 + 0,75 = 3,75 (hoog)');
    expect(word).toContain('Beoordeling: M. de Vries');
    expect(word).toContain('<10');
    const odt = unzipSync(exportDraftOdt(draft));
    expect(new TextDecoder().decode(odt.mimetype)).toBe('application/vnd.oasis.opendocument.text');
    const content = xmlText(new TextDecoder().decode(odt['content.xml']));
    expect(content).toContain('Aantal betrokkenen (bij benadering): 3 personen');
    expect(content).toContain('Toets 72 uur (art. 33 lid 1 AVG): Gemeld 240,0 uur na ontdekking');
    expect(content).toContain('Vastgestelde factoren: DPC 3');
  });

  it('refuses an assessment of another snapshot or incident, and an unknown incident', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, DATALEK_SKIPPED);
    const other: SavedAssessment = {
      format: ASSESSMENT_FORMAT, incident: 'I1', factors: {}, circumstances: {}, reasoning: '', assessor: 'X', snapshotSha256: 'f'.repeat(64),
      peildatum: '2022-01-31', savedAt: '2026-12-05T08:00:00Z', via: 'app', result: { dpc: 4, ei: 1, cb: 0.25, se: 4.25, ernst: 'zeer hoog' },
    };
    const base = { measuresTaken: '', measuresPlanned: '', subjectsInformation: '' };
    expect(() => notificationDraft(session, { ...base, incident: 'I1', assessment: other })).toThrow(/another snapshot/);
    expect(() => notificationDraft(session, { ...base, incident: 'I2', assessment: { ...other, snapshotSha256: session.provenance().snapshot_sha256 } })).toThrow(/incident I1/);
    expect(() => notificationDraft(session, { ...base, incident: 'I9', assessment: null })).toThrow(InvalidParameterError);
    // Not a data breach: no figures, fields to fill.
    expect(text(notificationDraft(session, { ...base, incident: 'I2', assessment: null }))).toContain('Nog niet gemeld. De termijn van 72 uur na ontdekking eindigt op 4-1-2022');
  });

  it('names the audit entry that records its export in its provenance line, in the DOCX too', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, DATALEK_SKIPPED);
    const base = { incident: 'I1', assessment: null, measuresTaken: '', measuresPlanned: '', subjectsInformation: '' };
    const entry = { seq: 12, hash: '3f2a9c01b7de'.padEnd(64, '0') };
    const draft = notificationDraft(session, base, entry);
    expect(text(draft)).toMatch(/Ketenlens-snapshot [0-9a-f]{12} · auditregel 12 \(3f2a9c01b7de\) · peildatum/);
    expect(draft.provenance.audit).toEqual(entry);
    const document = unzipSync(await exportDraftDocx(draft))['word/document.xml'];
    expect(xmlText(new TextDecoder().decode(document))).toContain('auditregel 12 (3f2a9c01b7de)');
    // Without an entry (a preview), no reference is claimed.
    expect(text(notificationDraft(session, base))).not.toContain('auditregel');
  });
});
