// Synthesises plausible loan histories (course invoices, exam fees, refunds) that move a
// person's loan from one level to another inside a period, so the generators can decide
// the level at each reference date first and then fill in the payments.
import type { Random } from './random';
import type { Person } from './model';

const EXAM_FEE_CENT = 5_000;

/** A day in (afterDay, lastDay], both whole days. */
function dayIn(random: Random, afterDay: number, lastDay: number): number {
  return random.integer(afterDay + 1, lastDay);
}

/**
 * Adds payments on days in (afterDay, lastDay] so that the loan rises (or, through one
 * correction, falls) by `toLevel - fromLevel` cents over that period.
 */
export function movePayments(
  random: Random,
  person: Person,
  fromLevel: number,
  toLevel: number,
  afterDay: number,
  lastDay: number,
): void {
  const delta = toLevel - fromLevel;
  if (delta === 0) return;
  if (lastDay <= afterDay) throw new RangeError('no room for payments');
  if (delta < 0) {
    person.payments.push([dayIn(random, afterDay, lastDay), delta]);
    return;
  }
  const count = delta < 40_000 ? 1 : Math.max(1, Math.round(delta / random.integer(120_000, 320_000)));
  let remaining = delta;
  if (count > 1 && random.chance(0.5)) {
    const exams = random.integer(1, 3) * EXAM_FEE_CENT;
    person.payments.push([dayIn(random, afterDay, lastDay), exams]);
    remaining -= exams;
  }
  const weights = Array.from({ length: count }, () => 0.5 + random.next());
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const base = remaining;
  for (let index = 0; index < count - 1; index++) {
    // Invoices are in whole euros; the last one takes the odd cents.
    const amount = Math.max(100, Math.floor((base * (weights[index] as number)) / weightSum / 100) * 100);
    if (amount >= remaining - 100) break;
    person.payments.push([dayIn(random, afterDay, lastDay), amount]);
    remaining -= amount;
  }
  if (remaining !== 0) person.payments.push([dayIn(random, afterDay, lastDay), remaining]);
}

/**
 * Adds an invoice and its full refund inside (afterDay, lastDay], leaving the level at the
 * end of the period unchanged: the corrections a naive sum without negatives would miss.
 */
export function addRefundedInvoice(random: Random, person: Person, amount: number, afterDay: number, lastDay: number): void {
  if (lastDay - afterDay < 2) return;
  const invoiceDay = random.integer(afterDay + 1, lastDay - 1);
  person.payments.push([invoiceDay, amount], [random.integer(invoiceDay + 1, lastDay), -amount]);
}

/** Orders a person's payments by date (stable), as they are written. */
export function sortPayments(person: Person): void {
  person.payments.sort((left, right) => left[0] - right[0]);
}

/** The highest loan level reached at any moment (for guards that must stay under a threshold). */
export function peakLevel(person: Person): number {
  const sorted = [...person.payments].sort((left, right) => left[0] - right[0]);
  let level = 0;
  let peak = 0;
  sorted.forEach(([day, cents], index) => {
    level += cents;
    // The loan is measured per day, so only a day's closing level counts.
    if (sorted[index + 1]?.[0] !== day) peak = Math.max(peak, level);
  });
  return peak;
}
