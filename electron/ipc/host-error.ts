// Turns what an IPC handler threw into what crosses to the renderer. Electron keeps only
// an error's message, so a typed refusal travels as HOST_ERROR_PREFIX + JSON (code and
// both languages, see shared/ipc/contract.ts); anything else becomes the InternalError
// without its detail, stack or paths, which stay in main's log.
import { asKetenlensError } from '../../shared/errors';
import { HOST_ERROR_PREFIX, type HostError } from '../../shared/ipc/contract';

export function toTransportError(error: unknown): Error {
  const typed = asKetenlensError(error, false);
  const payload: HostError = { code: typed.code, messageNl: typed.messageNl, messageEn: typed.messageEn };
  return new Error(`${HOST_ERROR_PREFIX}${JSON.stringify(payload)}`);
}
