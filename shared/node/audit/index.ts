// The audit trail (issue #7): a hash-chained, append-only log of who opened, exported
// and sealed what, kept in the data folder. See docs/SECURITY.md for what it proves.
export { appendAudit, readAudit, verifyAuditLog, readAndVerifyAudit, AUDIT_FILE, HEAD_FILE } from './audit-log';
export { verifyLines, hashEntry, nextEntry, GENESIS_HASH, type AuditHead, type AuditVerification } from './chain';
export { checkAuditInput, AUDIT_ACTIONS } from './details-guard';
export { cliDataDir } from './data-dir';
