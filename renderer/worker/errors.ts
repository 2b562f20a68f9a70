// Turns anything thrown in the worker into the plain {code, messageNl, messageEn} that
// crosses postMessage: typed refusals keep their messages, anything else is an internal error.
import { isKetenlensError } from '../../shared/errors';
import type { WireError } from './protocol';

export function toWireError(error: unknown): WireError {
  if (isKetenlensError(error)) return { code: error.code, messageNl: error.messageNl, messageEn: error.messageEn };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    messageNl: `Er ging iets onverwachts mis in Ketenlens: ${detail}`,
    messageEn: `Something unexpected went wrong in Ketenlens: ${detail}`,
  };
}
