// The data-leak exposure of a session as of a request's reference date: the facts are read
// once per session and the exposure is computed once per date, so switching P is cheap.
import type { TableRequest } from '../tables/catalogue';
import type { AnalysisSession } from '../tables/session';
import { datalekFacts } from './datalek-facts';
import { exposureAt, SECONDS_PER_DAY, type Exposure } from './datalek-exposure';
import { endOfDate } from './datalek-time';
import { peildatumOf } from './parameters';

/** The exposure as of the request's reference date, computed once per date and session. */
export function exposureFor(session: AnalysisSession, request: TableRequest): { peildatum: string; exposure: Exposure } {
  const peildatum = peildatumOf(request, session.snapshot);
  const facts = datalekFacts(session);
  const exposure = session.cached(`datalek:exposure:${peildatum}`, () => exposureAt(facts, endOfDate(peildatum)));
  return { peildatum, exposure };
}

/** Person-seconds as days of 86.400 s with one decimal (the sum is rounded, not each person). */
export function personDays(seconds: number): number {
  return Math.round(seconds / (SECONDS_PER_DAY / 10)) / 10;
}

