// How a command writes the audit trail: the same trail as the app, in the same data
// folder, with `source: 'cli'` and the command's name on every entry. A command that lets
// data leave (table, bijlage, query, seal, rekey) is 'required': it checks the trail before
// doing any work and is refused when it cannot record; a reading command (info, validate)
// is 'warn': it says so on stderr and goes on.
import type { AuditAction, AuditEntry, AuditEventInput } from '../../ipc/contract';
import { auditTrailUnavailable, isKetenlensError } from '../../errors';
import { appendAudit, checkAuditWritable, ketenlensDataDir } from '../audit';
import type { CliIo } from './command';

export type TrailPolicy = 'required' | 'warn';
export type AuditDetails = AuditEventInput['details'];

export interface CommandTrail {
  readonly dataDir: string;
  readonly command: string;
  readonly policy: TrailPolicy;
  /** 'required': throws AuditTrailUnavailableError when no entry could be appended now. 'warn': warns once. */
  ensureWritable(): Promise<void>;
  /**
   * Appends one entry. Returns it; or null after a warning on stderr when the trail cannot
   * be written and the policy is 'warn'. Throws AuditTrailUnavailableError under 'required'.
   */
  record(action: AuditAction, details: AuditDetails): Promise<AuditEntry | null>;
}

function reasonOf(error: unknown): [string, string] {
  if (isKetenlensError(error)) return [error.messageNl, error.messageEn];
  const text = error instanceof Error ? error.message : String(error);
  return [text, text];
}

export function commandTrail(command: string, policy: TrailPolicy, io: CliIo): CommandTrail {
  const dataDir = ketenlensDataDir(io.env);
  let warned = false;
  const fail = (error: unknown): null => {
    const [reasonNl, reasonEn] = reasonOf(error);
    if (policy === 'required') throw auditTrailUnavailable(dataDir, error);
    if (!warned) {
      warned = true;
      io.stderr.write(io.language === 'nl'
        ? `ketenlens ${command}: let op — het auditlog in '${dataDir}' kan niet worden bijgewerkt (${reasonNl}); dit ${command === 'validate' ? 'controleren' : 'bekijken'} wordt niet vastgelegd.\n`
        : `ketenlens ${command}: note — the audit trail in '${dataDir}' cannot be written (${reasonEn}); this is not recorded.\n`);
    }
    return null;
  };
  return {
    dataDir,
    command,
    policy,
    async ensureWritable() {
      await checkAuditWritable(dataDir).catch(fail);
    },
    async record(action, details) {
      try {
        return await appendAudit(dataDir, { action, details: { source: 'cli', command, ...details } });
      } catch (error) {
        return fail(error);
      }
    },
  };
}
