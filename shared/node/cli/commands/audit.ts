// `ketenlens audit verify|show` — checks and prints the audit trail of the data folder
// (KETENLENS_DATA_DIR, else the per-user folder the app uses too). `verify` exits 0 when
// the chain and head are intact and 1 naming the first untrustworthy entry otherwise, and
// says how many entries it checked. `show` filters by --since and --action.
import { EXIT, InvalidParameterError, UsageError, type Language } from '../../../errors';
import type { AuditEntry } from '../../../ipc/contract';
import { type Command, parseCommandArgs } from '../command';
import { AUDIT_ACTIONS, ketenlensDataDir, readAndVerifyAudit, readAudit, verifyAuditLog, type AuditVerification } from '../../audit';

const HELP = `Usage: ketenlens audit verify
       ketenlens audit show [--since DATE|INSTANT] [--action ACTION[,ACTION…]] [--json]

Checks or shows the audit trail (audit.jsonl and audit.head) in the data folder:
KETENLENS_DATA_DIR when set, else the per-user folder the app writes to as well
(Linux ~/.config/Ketenlens, macOS ~/Library/Application Support/Ketenlens,
Windows %APPDATA%\\Ketenlens).

  verify            exit 0 when intact; exit 1 and the first bad entry otherwise;
                    says how many entries were checked
  show              the entries as a table, then the verification result
  --since WHEN      (show) only entries at or after WHEN: YYYY-MM-DD (00:00 UTC) or an
                    ISO instant such as 2026-11-23T13:30:00Z
  --action A,B      (show) only these actions (repeatable): ${AUDIT_ACTIONS.join(', ')}
  --json            (show) the data folder, the entries shown, their count and the
                    verification of the whole trail as JSON

Every entry names the OS account and host that wrote it, and whether the app or the
command line (source) did. Exit codes: 0 intact, 1 not intact, 2 usage, 6 cannot read.
`;

function verdict(verification: AuditVerification, checked: number, language: Language): string {
  if (verification.ok) {
    return language === 'nl' ? `Auditlog intact: ${checked} regel(s) gecontroleerd.` : `Audit trail intact: ${checked} entr${checked === 1 ? 'y' : 'ies'} checked.`;
  }
  const reason = language === 'nl' ? verification.reasonNl : verification.reasonEn;
  return language === 'nl'
    ? `Auditlog NIET intact vanaf regel ${verification.firstBadSeq} (${checked} regel(s) gecontroleerd): ${reason}`
    : `Audit trail NOT intact from entry ${verification.firstBadSeq} (${checked} entries checked): ${reason}`;
}

/** --since as an instant: a date means 00:00 UTC of that day. */
export function parseSince(text: string): string {
  const trimmed = text.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00.000Z` : trimmed;
  const time = Date.parse(date);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(date) || Number.isNaN(time)) {
    throw new InvalidParameterError('--since', `'${text}' is geen datum (JJJJ-MM-DD) of ISO-tijdstip.`, `'${text}' is not a date (YYYY-MM-DD) or an ISO instant.`);
  }
  return new Date(time).toISOString();
}

function parseActions(values: string[] | undefined): Set<string> | null {
  if (values === undefined) return null;
  const actions = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  const unknown = actions.find((action) => !AUDIT_ACTIONS.some((known) => known === action));
  if (unknown !== undefined) {
    throw new InvalidParameterError('--action', `'${unknown}' is geen actie; kies uit ${AUDIT_ACTIONS.join(', ')}.`, `'${unknown}' is not an action; choose from ${AUDIT_ACTIONS.join(', ')}.`);
  }
  return new Set(actions);
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
    const { positionals, values } = parseCommandArgs(argv, { json: { type: 'boolean' }, since: { type: 'string' }, action: { type: 'string', multiple: true } });
    const [action, ...extra] = positionals;
    const filters = values.since !== undefined || values.action !== undefined;
    if (extra.length > 0 || (action !== 'verify' && action !== 'show') || (action === 'verify' && (values.json === true || filters))) {
      throw new UsageError('Gebruik: ketenlens audit verify | ketenlens audit show [--since WANNEER] [--action ACTIE] [--json]',
        'Usage: ketenlens audit verify | ketenlens audit show [--since WHEN] [--action ACTION] [--json]');
    }
    const dataDir = ketenlensDataDir(io.env);
    if (action === 'verify') {
      const [verification, entries] = await Promise.all([verifyAuditLog(dataDir), readAudit(dataDir)]);
      const checked = verification.ok ? entries.length : Math.max(0, verification.firstBadSeq - 1);
      (verification.ok ? io.stdout : io.stderr).write(`${verdict(verification, checked, io.language)}\n`);
      return verification.ok ? EXIT.ok : EXIT.findings;
    }
    const since = values.since === undefined ? null : parseSince(values.since);
    const actions = parseActions(values.action);
    const { entries, verification } = await readAndVerifyAudit(dataDir);
    const shown = entries.filter((entry) => (since === null || entry.at >= since) && (actions === null || actions.has(entry.action)));
    const checked = verification.ok ? entries.length : Math.max(0, verification.firstBadSeq - 1);
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify({ dataDir, count: shown.length, total: entries.length, entries: shown, verification }, null, 2)}\n`);
    } else {
      for (const entry of shown) {
        io.stdout.write(`${String(entry.seq).padStart(5)}  ${entry.at}  ${entry.action.padEnd(26)} ${formatDetails(entry.details)}\n`);
      }
      if (shown.length === 0) io.stdout.write(io.language === 'nl' ? '(geen regels)\n' : '(no entries)\n');
      io.stdout.write(`${verdict(verification, checked, io.language)}\n`);
    }
    return verification.ok ? EXIT.ok : EXIT.findings;
  },
};
