// Per-person facts precomputed once per analysis session, so that any reference date or
// threshold is one pass over typed arrays: the person's regime, target group, dates as day
// numbers and municipality; and, per target group on first use, the loan timelines of its
// Wi2013 persons (payment days with running sums, in date order). The loan used at P is
// then a binary search in the person's running sums, which stays correct when corrections
// pull a person back under a threshold.
// The rows are read by facts-scan.ts through the b-tree scanner, or by facts-sql.ts through
// SQL (the reference) when the scanner cannot promise the same values.
import type { AnalysisSession } from '../../tables/session';
import type { Doelgroep } from '../../snapshot/vocabulary';
import { computeLoanTimelines, computePersonFacts, type LoanTimelines, type PersonFacts } from './facts-sql';
import { scanLoanTimelines, scanPersonFacts } from './facts-scan';

export {
  computeLoanTimelines, computePersonFacts, NO_MUNICIPALITY, UNKNOWN_CODE, type LoanTimelines, type Municipality, type PersonFacts,
} from './facts-sql';

/** The person facts of this session, computed on first use. */
export function personFacts(session: AnalysisSession): PersonFacts {
  return session.cached('elip/person-facts', () => scanPersonFacts(session.snapshot) ?? computePersonFacts(session.snapshot.db));
}

/** The loan timelines of a target group in this session, computed on first use. */
export function loanTimelines(session: AnalysisSession, doelgroep: Doelgroep): LoanTimelines {
  return session.cached(`elip/loan-timelines/${doelgroep}`, () => {
    const facts = personFacts(session);
    return scanLoanTimelines(session.snapshot, facts, doelgroep) ?? computeLoanTimelines(session.snapshot.db, facts, doelgroep);
  });
}

/** Loan used by person p at day P: the running sum of the last payment on or before P. */
export function loanUsedAt(loans: LoanTimelines, person: number, day: number): number {
  let low = loans.offset[person]!;
  let high = loans.offset[person + 1]!;
  const start = low;
  // First payment after `day`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (loans.day[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low === start ? 0 : loans.cumulative[low - 1]!;
}

/** Obliged at P (snapshot-v1.md): plicht_start <= P and (lopend or status_datum > P). */
export function isObligedAt(facts: PersonFacts, person: number, day: number): boolean {
  return facts.plichtStart[person]! <= day && (facts.lopend[person] === 1 || facts.statusDatum[person]! > day);
}
