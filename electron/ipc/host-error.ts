// Turns what an IPC handler threw into what crosses to the renderer. Electron keeps only
// an error's message, so a typed refusal travels as HOST_ERROR_PREFIX + JSON (code and
// both languages, see shared/ipc/contract.ts); anything else becomes a generic message
// without its stack or paths, which stay in main's log.
import { isKetenlensError } from '../../shared/errors';
import { HOST_ERROR_PREFIX, type HostError } from '../../shared/ipc/contract';

export function toTransportError(error: unknown): Error {
  const payload: HostError = isKetenlensError(error)
    ? { code: error.code, messageNl: error.messageNl, messageEn: error.messageEn }
    : { code: 'internal', messageNl: 'Interne fout in Ketenlens.', messageEn: 'Internal error in Ketenlens.' };
  return new Error(`${HOST_ERROR_PREFIX}${JSON.stringify(payload)}`);
}
