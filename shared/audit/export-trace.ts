// How an exported file is traced in the audit trail (docs/SECURITY.md, "Exports name their
// audit entry"), the same for `ketenlens verify` and the app's "Controleer een export…",
// whichever way in made the file: the entry its provenance names (by sequence number and
// hash), and the entries that record its SHA-256 (`export-written`). Pure.
import type { AuditEntry } from '../ipc/contract';
import type { AuditReference } from '../tables/model';

export type NamedEntry =
  /** The entry is in the trail with the hash the file names. */
  | { status: 'found'; entry: AuditEntry }
  /** An entry with that number is there, but with another hash: not the one that recorded this file. */
  | { status: 'other-hash'; seq: number }
  /** No entry with that number: another data folder's trail, or one cut short. */
  | { status: 'missing'; seq: number };

export interface ExportTrace {
  /** What became of the entry the file names; null when it names none (made before exports named their entry). */
  named: NamedEntry | null;
  /** Entries whose details name the file's SHA-256. */
  recorded: AuditEntry[];
  /** An `export-written` entry that completes the named entry and records this very file's SHA-256. */
  linked: AuditEntry | null;
}

/** Audit entries whose details name this SHA-256 (an export records its output's hash). */
export function entriesNaming(entries: readonly AuditEntry[], sha256: string): AuditEntry[] {
  return entries.filter((entry) => Object.values(entry.details).some((value) => (Array.isArray(value) ? value.includes(sha256) : value === sha256)));
}

export function traceExport(entries: readonly AuditEntry[], sha256: string, reference: AuditReference | null): ExportTrace {
  const recorded = entriesNaming(entries, sha256);
  if (reference === null) return { named: null, recorded, linked: null };
  const entry = entries.find((each) => each.seq === reference.seq);
  const named: NamedEntry = entry === undefined
    ? { status: 'missing', seq: reference.seq }
    : entry.hash === reference.hash ? { status: 'found', entry } : { status: 'other-hash', seq: reference.seq };
  const linked = named.status !== 'found'
    ? null
    : recorded.find((each) => each.action === 'export-written' && each.details.export_seq === reference.seq && each.details.export_hash === reference.hash) ?? null;
  return { named, recorded, linked };
}
