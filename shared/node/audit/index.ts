// The audit trail (issue #7): a hash-chained, append-only log of who opened, exported
// and sealed what, kept in the data folder. See docs/SECURITY.md for what it proves.
export {
  appendAudit, readAudit, verifyAuditLog, readAndVerifyAudit, checkAuditWritable, hostActor, AUDIT_FILE, HEAD_FILE, LOCK_FILE,
  type AuditActor,
} from './audit-log';
export { verifyLines, hashEntry, nextEntry, GENESIS_HASH, type AuditHead, type AuditVerification } from '../../audit/chain';
export { checkAuditInput, AUDIT_ACTIONS } from '../../audit/details-guard';
export { cliDataDir, ketenlensDataDir, osDataDir, APP_FOLDER } from './data-dir';
