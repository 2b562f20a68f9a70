// Dutch number formats for people: counts '2.396', money '€ 9.500' from cents, days '3,5',
// percentages '12,5%'. Hand-written instead of Intl so output is identical in Node, the
// browser and every ICU build (exports and tests compare exact strings).

/** Group the digits of a non-negative integer string with '.' every three digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A fixed-point number in Dutch notation: '.' for thousands, ',' for decimals. */
export function formatDecimal(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction === undefined ? '' : `,${fraction}`}`;
}

/** A count: '2.396'. */
export function formatCount(value: number): string {
  return formatDecimal(value, 0);
}

/**
 * An amount in whole cents as euros: '€ 9.500' when it is whole euros, else '€ 9.500,50'.
 * A negative amount (a correction) reads '€ -25'.
 */
export function formatMoneyCent(cents: number): string {
  if (!Number.isFinite(cents)) return '';
  const whole = Number.isInteger(cents / 100);
  return `€ ${formatDecimal(cents / 100, whole ? 0 : 2)}`;
}

/** A number of days with one decimal by default: '3,5'. */
export function formatDays(days: number, decimals = 1): string {
  return formatDecimal(days, decimals);
}

/** A percentage: '12,5%' (the value is already in percent). */
export function formatPercent(percent: number, decimals = 1): string {
  const text = formatDecimal(percent, decimals);
  return text === '' ? '' : `${text}%`;
}
