// The SQL text of a query as the audit trail keeps it: what was asked, so a reviewer can
// see it, but never a person's number — a 9-digit literal (a possible BSN) is masked —
// and at most 2,000 characters, with the SHA-256 of the full text to tell queries apart.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const MAX_SQL = 2000;
const NINE_DIGITS = /(^|[^0-9A-Za-z])\d{9}(?=$|[^0-9A-Za-z])/g;

export interface AuditedSql {
  sql: string;
  sql_sha256: string;
  sql_length: number;
}

export function auditedSql(text: string): AuditedSql {
  const masked = text.replace(NINE_DIGITS, (match) => match.replace(/\d/g, '#'));
  return {
    sql: masked.length > MAX_SQL ? `${masked.slice(0, MAX_SQL)}…` : masked,
    sql_sha256: bytesToHex(sha256(new TextEncoder().encode(text))),
    sql_length: text.length,
  };
}
