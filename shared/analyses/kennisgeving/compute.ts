// Late and wrong notices (snapshot-v1.md, "Late notices"): IND permit records delivered
// late or never, and notices that named the wrong regime, counting persons per target group.
import { dayNumber } from '../../dates';
import { inPeriod, type Period } from '../common/parameters';
import { DOELGROEPEN, type Doelgroep } from '../../snapshot/vocabulary';
import type { NoticeFacts } from './facts';

/** Days after the permit within which delivery counts as on time. */
export const DELIVERY_DAYS = 30;

export interface LateNotices {
  doelgroep: Doelgroep;
  geleverd_te_laat: number;
  nooit_geleverd: number;
  onterechte_kennisgeving: number;
  /** Persons delivered late or never (each once), as nr. 391 §2.8 counts them. */
  te_laat_of_nooit: number;
}

/**
 * Per target group at P: persons with a permit (vergunning_op <= P, in the period) delivered
 * more than 30 days after it, or not delivered by P although P is more than 30 days after it;
 * and persons sent a notice by P (in the period) naming another stelsel than their own.
 */
export function lateNotices(facts: NoticeFacts, peildatum: string, period: Period): LateNotices[] {
  const day = dayNumber(peildatum);
  const late = new Map<Doelgroep, Set<string>>();
  const never = new Map<Doelgroep, Set<string>>();
  const wrong = new Map<Doelgroep, Set<string>>();
  const add = (map: Map<Doelgroep, Set<string>>, doelgroep: Doelgroep, person: string) => {
    const set = map.get(doelgroep) ?? new Set<string>();
    set.add(person);
    map.set(doelgroep, set);
  };
  for (const permit of facts.permits) {
    if (!(permit.vergunning <= day) || !inPeriod(permit.vergunningOp, period)) continue;
    if (permit.geleverd <= day) {
      if (permit.geleverd - permit.vergunning > DELIVERY_DAYS) add(late, permit.doelgroep, permit.person);
    } else if (day - permit.vergunning > DELIVERY_DAYS) {
      add(never, permit.doelgroep, permit.person);
    }
  }
  for (const notice of facts.notices) {
    if (notice.wrongStelsel && notice.verzonden <= day && inPeriod(notice.verzondenOp, period)) add(wrong, notice.doelgroep, notice.person);
  }
  return DOELGROEPEN.map((doelgroep) => {
    const lateSet = late.get(doelgroep) ?? new Set<string>();
    const neverSet = never.get(doelgroep) ?? new Set<string>();
    return {
      doelgroep,
      geleverd_te_laat: lateSet.size,
      nooit_geleverd: neverSet.size,
      onterechte_kennisgeving: wrong.get(doelgroep)?.size ?? 0,
      te_laat_of_nooit: new Set([...lateSet, ...neverSet]).size,
    };
  });
}
