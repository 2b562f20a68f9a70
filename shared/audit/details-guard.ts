// What may go into an audit entry. The audit trail is kept in plain text next to the
// application, so it must never hold a key or a person's data: detail keys that name a
// secret are refused, as are values that look like an age secret key or a BSN.
import { InvalidParameterError } from '../errors';
import type { AuditAction, AuditEventInput } from '../ipc/contract';
import { isRecord } from './is-record';

export const AUDIT_ACTIONS = [
  'open', 'open-refused', 'close', 'export-table', 'export-bijlage', 'export-written', 'query', 'confirm-unprotected-export',
  'lock', 'unlock', 'seal', 'rekey', 'save-assessment', 'copy-table', 'export-chart',
] as const satisfies readonly AuditAction[];

// Fails to compile when AuditAction gains a member that AUDIT_ACTIONS lacks.
type MissingAction = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
const everyActionListed: MissingAction extends never ? true : false = true;
void everyActionListed;

const FORBIDDEN_KEY = /passphrase|password|wachtwoord|identit|secret|private|token|sleutel|bsn|^key$/i;
const AGE_SECRET_KEY = /AGE-SECRET-KEY-1/i;
const BSN_SHAPED = /(^|[^0-9A-Za-z])\d{9}($|[^0-9A-Za-z])/;
const MAX_KEYS = 32;
const MAX_STRING = 4096;

function refuse(detailNl: string, detailEn: string): never {
  throw new InvalidParameterError('audit details', detailNl, detailEn);
}

function checkString(key: string, value: string): void {
  if (value.length > MAX_STRING) refuse(`'${key}' is te lang.`, `'${key}' is too long.`);
  if (AGE_SECRET_KEY.test(value)) refuse(`'${key}' lijkt een geheime sleutel te bevatten.`, `'${key}' seems to hold a secret key.`);
  if (BSN_SHAPED.test(value)) {
    refuse(`'${key}' bevat een getal van 9 cijfers (mogelijk een BSN).`, `'${key}' holds a 9-digit number (possibly a BSN).`);
  }
}

type DetailValue = AuditEventInput['details'][string];

function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && AUDIT_ACTIONS.some((action) => action === value);
}

function checkValue(key: string, value: unknown): DetailValue {
  if (FORBIDDEN_KEY.test(key)) {
    refuse(`'${key}' hoort niet in het auditlog (sleutels en persoonsgegevens nooit).`,
      `'${key}' does not belong in the audit trail (never keys or personal data).`);
  }
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    checkString(key, value);
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    value.forEach((item) => checkString(key, item));
    return value;
  }
  return refuse(`'${key}' heeft een ongeldig type.`, `'${key}' has an invalid type.`);
}

/** Returns the input when it is fit for the audit trail; throws InvalidParameterError otherwise. */
export function checkAuditInput(input: unknown): AuditEventInput {
  if (!isRecord(input)) return refuse('geen object.', 'not an object.');
  const { action, details } = input;
  if (!isAuditAction(action)) return refuse(`onbekende actie '${String(action)}'.`, `unknown action '${String(action)}'.`);
  if (!isRecord(details)) return refuse('details moet een object zijn.', 'details must be an object.');
  const pairs = Object.entries(details);
  if (pairs.length > MAX_KEYS) refuse('te veel details.', 'too many details.');
  const checked: AuditEventInput['details'] = {};
  for (const [key, value] of pairs) checked[key] = checkValue(key, value);
  return { action, details: checked };
}
