// An audit trail kept in memory for one session, for a host without a file system (the
// browser host): the same entries, checks and hash chain as the trail on disk, so its
// verification is real — but nothing survives closing the page (the Audit screen says so).
import type { AuditEntry, AuditEventInput, AuditReadResult } from '../ipc/contract';
import { nextEntry, verifyLines } from './chain';
import { checkAuditInput } from './details-guard';

export interface SessionTrail {
  append(input: AuditEventInput, at?: Date): AuditEntry;
  read(): AuditReadResult;
}

export function createSessionTrail(extraDetails: AuditEventInput['details'] = {}): SessionTrail {
  const lines: string[] = [];
  const entries: AuditEntry[] = [];
  let last: AuditEntry | null = null;
  return {
    append(input, at = new Date()) {
      const given = checkAuditInput(input);
      const checked = checkAuditInput({ action: given.action, details: { ...given.details, ...extraDetails } });
      const entry = nextEntry(last, checked, at);
      lines.push(JSON.stringify(entry));
      entries.push(entry);
      last = entry;
      return entry;
    },
    read() {
      return { entries: [...entries], verification: verifyLines(lines, last === null ? null : { seq: last.seq, hash: last.hash }) };
    },
  };
}
