// The fine backlog (achterstand boeteoplegging) and pending enforcement orders as
// snapshot-v1.md defines them, on the precomputed enforcement facts.
import { dayNumber } from '../../dates';
import { BESLUITEN, SOORTEN, type Besluit, type Soort } from '../../snapshot/vocabulary';
import type { OrderFacts, OverrunFacts } from './facts';

export interface MonthCounts {
  /** 'YYYY-MM' of termijn_einde. */
  maand: string;
  overschrijdingen: number;
  aangekondigd: number;
  besloten_boete: number;
  besloten_verlenging: number;
  besloten_geen_boete: number;
  achterstand: number;
}

const monthText = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * Whether overrun k is in the backlog at day P: an overrun at P (termijn_einde <= P, the
 * spec's addendum), announced by P and not decided by P.
 */
export function inBacklog(facts: OverrunFacts, k: number, day: number): boolean {
  return facts.termijnEinde[k]! <= day && facts.aankondiging[k]! <= day && !(facts.besluitOp[k]! <= day);
}

/**
 * Per month of termijn_einde at P: overruns whose deadline passed by P, those announced by P,
 * decided by P per decision, and the backlog. Overruns count as of P (the spec's addendum):
 * a record whose termijn_einde is after P is not yet an overrun and is left out whole.
 * Months where every count is zero are left out.
 */
export function backlogByMonth(facts: OverrunFacts, peildatum: string): MonthCounts[] {
  const day = dayNumber(peildatum);
  const byMonth = new Map<number, MonthCounts>();
  const decisionKey: Record<Besluit, 'besloten_boete' | 'besloten_verlenging' | 'besloten_geen_boete'> = {
    boete: 'besloten_boete', verlenging: 'besloten_verlenging', geen_boete: 'besloten_geen_boete',
  };
  for (let k = 0; k < facts.count; k++) {
    const month = facts.month[k]!;
    if (Number.isNaN(month)) continue;
    if (!(facts.termijnEinde[k]! <= day)) continue;
    const announced = facts.aankondiging[k]! <= day;
    const decided = facts.besluitOp[k]! <= day ? BESLUITEN[facts.besluit[k]!] : undefined;
    const backlog = inBacklog(facts, k, day);
    let counts = byMonth.get(month);
    if (counts === undefined) {
      counts = {
        maand: monthText(month), overschrijdingen: 0, aangekondigd: 0,
        besloten_boete: 0, besloten_verlenging: 0, besloten_geen_boete: 0, achterstand: 0,
      };
      byMonth.set(month, counts);
    }
    counts.overschrijdingen++;
    if (announced) counts.aangekondigd++;
    if (decided !== undefined) counts[decisionKey[decided]]++;
    if (backlog) counts.achterstand++;
  }
  return [...byMonth.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

export const AGE_BANDS = ['0-3m', '3-6m', '6-12m', '12m+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age band of a backlog item announced `days` days before P. */
export function ageBand(days: number): AgeBand {
  if (days < 91) return '0-3m';
  if (days <= 181) return '3-6m';
  if (days <= 364) return '6-12m';
  return '12m+';
}

export function backlogByAge(facts: OverrunFacts, peildatum: string): Record<AgeBand, number> {
  const day = dayNumber(peildatum);
  const counts: Record<AgeBand, number> = { '0-3m': 0, '3-6m': 0, '6-12m': 0, '12m+': 0 };
  for (let k = 0; k < facts.count; k++) {
    if (inBacklog(facts, k, day)) counts[ageBand(day - facts.aankondiging[k]!)]++;
  }
  return counts;
}

/** Overruns with an appointment (afspraak_op) in a period, both ends inclusive. */
export function countAppointments(facts: OverrunFacts, vanaf: string, totEnMet: string): number {
  const from = dayNumber(vanaf);
  const to = dayNumber(totEnMet);
  let count = 0;
  for (let k = 0; k < facts.count; k++) if (facts.afspraak[k]! >= from && facts.afspraak[k]! <= to) count++;
  return count;
}

/** Overruns decided with a given decision in a period (besluit_op), both ends inclusive. */
export function countDecisions(facts: OverrunFacts, besluit: Besluit, vanaf: string, totEnMet: string): number {
  const from = dayNumber(vanaf);
  const to = dayNumber(totEnMet);
  const code = BESLUITEN.indexOf(besluit);
  let count = 0;
  for (let k = 0; k < facts.count; k++) {
    if (facts.besluit[k] === code && facts.besluitOp[k]! >= from && facts.besluitOp[k]! <= to) count++;
  }
  return count;
}

export interface PendingOrders {
  jaar: string;
  soort: Soort;
  openstaand: number;
}

/**
 * Enforcement orders pending at P (gereed_op <= P and cjib_op NULL or after P) per year of
 * gereed_op and kind, optionally only those with gereed_op in a period.
 */
export function pendingOrders(facts: OrderFacts, peildatum: string, period: { vanaf: string | null; tot_en_met: string | null }): PendingOrders[] {
  const day = dayNumber(peildatum);
  const from = period.vanaf === null ? Number.NEGATIVE_INFINITY : dayNumber(period.vanaf);
  const to = period.tot_en_met === null ? Number.POSITIVE_INFINITY : dayNumber(period.tot_en_met);
  const counts = new Map<string, PendingOrders>();
  for (let k = 0; k < facts.count; k++) {
    const gereed = facts.gereed[k]!;
    const soort = SOORTEN[facts.soort[k]!];
    if (soort === undefined || !(gereed <= day) || facts.cjib[k]! <= day || gereed < from || gereed > to) continue;
    const jaar = new Date(gereed * 86_400_000).getUTCFullYear();
    const key = `${jaar}/${SOORTEN.indexOf(soort)}`;
    const entry = counts.get(key) ?? { jaar: String(jaar), soort, openstaand: 0 };
    entry.openstaand++;
    counts.set(key, entry);
  }
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((entry) => entry[1]);
}
