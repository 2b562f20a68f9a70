// Tracing an export in the trail: the entry it names (found, another hash, missing), the
// entries naming its SHA-256, and the export-written entry that links the two.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../ipc/contract';
import { traceExport } from './export-trace';

const FILE = 'f1'.repeat(32);
const entry = (seq: number, action: AuditEntry['action'], details: AuditEntry['details']): AuditEntry =>
  ({ seq, action, details, at: '2026-12-05T10:00:00Z', previous: '00'.repeat(32), hash: String(seq).padStart(2, '0').repeat(32) });

const TRAIL = [
  entry(1, 'open', { sha256: 'aa'.repeat(32) }),
  entry(2, 'export-table', { tables: ['elip-cohorten'], path: '/x/t.docx' }),
  entry(3, 'export-written', { export_seq: 2, export_hash: '02'.repeat(32), path: '/x/t.docx', ok: true, sha256: FILE }),
];

describe('traceExport', () => {
  it('links the named entry to the export-written entry that records this file', () => {
    const trace = traceExport(TRAIL, FILE, { seq: 2, hash: '02'.repeat(32) });
    expect(trace.named).toMatchObject({ status: 'found', entry: { seq: 2, action: 'export-table' } });
    expect(trace.recorded.map((each) => each.seq)).toEqual([3]);
    expect(trace.linked?.seq).toBe(3);
  });

  it('an entry with another hash or no such entry is not linked', () => {
    expect(traceExport(TRAIL, FILE, { seq: 2, hash: 'ee'.repeat(32) })).toMatchObject({ named: { status: 'other-hash', seq: 2 }, linked: null });
    expect(traceExport(TRAIL, FILE, { seq: 9, hash: '09'.repeat(32) })).toMatchObject({ named: { status: 'missing', seq: 9 }, linked: null });
    // A file whose SHA-256 differs (edited after writing) names the entry but is not the file it recorded.
    expect(traceExport(TRAIL, 'ed'.repeat(32), { seq: 2, hash: '02'.repeat(32) })).toMatchObject({ named: { status: 'found' }, recorded: [], linked: null });
  });

  it('a file that names no entry is traced by its SHA-256 alone', () => {
    expect(traceExport(TRAIL, FILE, null)).toMatchObject({ named: null, linked: null, recorded: [{ seq: 3 }] });
  });
});
