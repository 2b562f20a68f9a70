// The hash chain of the audit trail, without I/O and without Node: how an entry's hash is
// computed, how the next entry links to the previous one, and how a whole log is checked
// against its head record. Verification names the first entry that cannot be trusted.
// Isomorphic, so the Node trail (shared/node/audit) and the browser host's session trail
// (renderer/host/browser-host.ts) run the same code.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AuditEntry, AuditEventInput } from '../ipc/contract';
import { canonicalJson, type JsonValue } from './canonical-json';
import { isRecord } from './is-record';

/** The `previous` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The last entry as recorded separately, so that removing the last entries is noticed. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerification =
  | { ok: true }
  | { ok: false; firstBadSeq: number; reasonNl: string; reasonEn: string };

const utf8 = new TextEncoder();

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const hashed = {
    seq: entry.seq,
    at: entry.at,
    action: entry.action,
    details: entry.details,
    previous: entry.previous,
  } satisfies JsonValue;
  return bytesToHex(sha256(utf8.encode(canonicalJson(hashed))));
}

/** The entry that follows `last` (or starts the log when `last` is null). */
export function nextEntry(last: AuditHead | null, input: AuditEventInput, at: Date): AuditEntry {
  const unhashed = {
    seq: last === null ? 1 : last.seq + 1,
    at: at.toISOString(),
    action: input.action,
    details: input.details,
    previous: last === null ? GENESIS_HASH : last.hash,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

function bad(firstBadSeq: number, reasonNl: string, reasonEn: string): AuditVerification {
  return { ok: false, firstBadSeq, reasonNl, reasonEn };
}

const HEX_64 = /^[0-9a-f]{64}$/;

function isEntryShaped(value: unknown): value is AuditEntry {
  if (!isRecord(value)) return false;
  return (
    Number.isInteger(value.seq) &&
    typeof value.at === 'string' &&
    typeof value.action === 'string' &&
    isRecord(value.details) &&
    typeof value.previous === 'string' && HEX_64.test(value.previous) &&
    typeof value.hash === 'string' && HEX_64.test(value.hash)
  );
}

/** Parses one line; null when it is not a well-formed entry. */
export function parseEntryLine(line: string): AuditEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    return isEntryShaped(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Checks the lines of audit.jsonl (empty lines already removed) against the chain and
 * the head record. A chain alone cannot notice the last entries being cut off; the
 * head can, unless it was rewritten too (see docs/SECURITY.md).
 */
export function verifyLines(lines: readonly string[], head: AuditHead | 'damaged' | null): AuditVerification {
  const entries: AuditEntry[] = [];
  for (const [index, line] of lines.entries()) {
    const position = index + 1;
    const entry = parseEntryLine(line);
    if (entry === null) {
      return bad(position, `Regel ${position} is geen geldige auditregel (beschadigd of bewerkt).`,
        `Line ${position} is not a valid audit entry (damaged or edited).`);
    }
    const { hash, ...unhashed } = entry;
    if (hashEntry(unhashed) !== hash) {
      return bad(position, `Regel ${position} is na het schrijven gewijzigd: de hash klopt niet.`,
        `Entry ${position} was changed after it was written: its hash does not match.`);
    }
    const previous = entries.at(-1);
    const expectedPrevious = previous === undefined ? GENESIS_HASH : previous.hash;
    if (entry.previous !== expectedPrevious) {
      // Two entries naming the same predecessor: the earlier of them was slipped in.
      if (previous !== undefined && previous.previous === entry.previous) {
        return bad(position - 1, `Regel ${position - 1} is tussengevoegd: de keten liep daar al verder.`,
          `Entry ${position - 1} was inserted: the chain already continued from its predecessor.`);
      }
      // The sequence still fits, so the predecessor was rewritten (hash recomputed).
      if (previous !== undefined && entry.seq === position) {
        return bad(position - 1, `Regel ${position - 1} is herschreven: regel ${position} verwijst naar een andere versie.`,
          `Entry ${position - 1} was rewritten: entry ${position} links to a different version of it.`);
      }
      return bad(position, `De keten is bij regel ${position} verbroken: een regel is verwijderd of de volgorde is veranderd.`,
        `The chain breaks at entry ${position}: an entry was removed or the order was changed.`);
    }
    if (entry.seq !== position) {
      return bad(position, `Regel ${position} heeft volgnummer ${entry.seq}: regels zijn verwijderd of verschoven.`,
        `Entry ${position} carries sequence number ${entry.seq}: entries were removed or moved.`);
    }
    entries.push(entry);
  }
  return checkHead(entries, head);
}

function checkHead(entries: readonly AuditEntry[], head: AuditHead | 'damaged' | null): AuditVerification {
  const last = entries.at(-1);
  if (head === 'damaged') {
    return bad(last?.seq ?? 1, 'Het kopbestand (audit.head) is beschadigd of bewerkt: het einde van het log valt niet na te gaan.',
      'The head record (audit.head) is damaged or edited: the end of the log cannot be checked.');
  }
  if (head === null) {
    if (last === undefined) return { ok: true };
    return bad(last.seq, 'Het kopbestand (audit.head) ontbreekt: of er regels aan het eind zijn verwijderd, valt niet na te gaan.',
      'The head record (audit.head) is missing: whether entries were removed from the end cannot be checked.');
  }
  const count = last === undefined ? 0 : last.seq;
  if (count < head.seq) {
    return bad(count + 1, `Het log is afgekapt: het kopbestand noemt ${head.seq} regels, het log heeft er ${count}.`,
      `The log was truncated: the head record names ${head.seq} entries, the log has ${count}.`);
  }
  if (count > head.seq) {
    return bad(head.seq + 1, `Na regel ${head.seq} staan regels die het kopbestand niet kent (toegevoegd, of een onderbroken schrijfactie).`,
      `Entries after ${head.seq} are unknown to the head record (added, or an interrupted write).`);
  }
  if (last !== undefined && last.hash !== head.hash) {
    return bad(last.seq, `Regel ${last.seq} verschilt van wat het kopbestand vastlegde: herschreven.`,
      `Entry ${last.seq} differs from what the head record holds: it was rewritten.`);
  }
  return { ok: true };
}
