// Turns anything thrown in the worker into the plain {code, messageNl, messageEn} that
// crosses postMessage: typed refusals keep their messages, anything else is the one
// InternalError of shared/errors.ts.
import { asKetenlensError } from '../../shared/errors';
import type { WireError } from './protocol';

export function toWireError(error: unknown): WireError {
  const typed = asKetenlensError(error);
  return { code: typed.code, messageNl: typed.messageNl, messageEn: typed.messageEn };
}
