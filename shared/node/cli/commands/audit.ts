// `ketenlens audit verify|show` — checks and prints the audit trail of the data folder
// (KETENLENS_DATA_DIR, else ~/.ketenlens). `verify` exits 0 when the chain and head are
// intact and 1 naming the first untrustworthy entry otherwise.
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type Language } from '../../../errors';
import type { AuditEntry } from '../../../ipc/contract';
import type { Command } from '../command';
import { cliDataDir, readAndVerifyAudit, verifyAuditLog, type AuditVerification } from '../../audit';

const HELP = `Usage: ketenlens audit verify
       ketenlens audit show [--json]

Checks or shows the audit trail (audit.jsonl and audit.head) in the data folder:
KETENLENS_DATA_DIR when set, else ~/.ketenlens.

  verify   exit 0 when intact; exit 1 and the first bad entry otherwise
  show     the entries as a table, then the verification result
  --json   (show) the entries and the verification as JSON
`;

function verdict(verification: AuditVerification, language: Language): string {
  if (verification.ok) return language === 'nl' ? 'Auditlog intact.' : 'Audit trail intact.';
  const reason = language === 'nl' ? verification.reasonNl : verification.reasonEn;
  return language === 'nl'
    ? `Auditlog NIET intact vanaf regel ${verification.firstBadSeq}: ${reason}`
    : `Audit trail NOT intact from entry ${verification.firstBadSeq}: ${reason}`;
}

function formatDetails(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'verify or show the audit trail of the data folder',
  help: HELP,
  async run(argv, io) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const [action, ...extra] = positionals;
    if (extra.length > 0 || (action !== 'verify' && action !== 'show') || (action === 'verify' && values.json === true)) {
      throw new UsageError('Gebruik: ketenlens audit verify | ketenlens audit show [--json]',
        'Usage: ketenlens audit verify | ketenlens audit show [--json]');
    }
    const dataDir = cliDataDir(io.env);
    if (action === 'verify') {
      const verification = await verifyAuditLog(dataDir);
      (verification.ok ? io.stdout : io.stderr).write(`${verdict(verification, io.language)}\n`);
      return verification.ok ? EXIT.ok : EXIT.findings;
    }
    const { entries, verification } = await readAndVerifyAudit(dataDir);
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify({ dataDir, entries, verification }, null, 2)}\n`);
    } else {
      for (const entry of entries) {
        io.stdout.write(`${String(entry.seq).padStart(5)}  ${entry.at}  ${entry.action.padEnd(26)} ${formatDetails(entry.details)}\n`);
      }
      if (entries.length === 0) io.stdout.write(io.language === 'nl' ? '(geen regels)\n' : '(no entries)\n');
      io.stdout.write(`${verdict(verification, io.language)}\n`);
    }
    return verification.ok ? EXIT.ok : EXIT.findings;
  },
};
