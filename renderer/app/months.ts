// Month arithmetic on ISO dates for monthly reference-date series.

/** The first day of each month from `months` months before `until` up to `until`'s month. */
export function monthlyDates(until: string, months: number): string[] {
  const year = Number(until.slice(0, 4));
  const month = Number(until.slice(5, 7)) - 1;
  const dates: string[] = [];
  for (let offset = months; offset >= 0; offset -= 1) {
    const total = year * 12 + month - offset;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    dates.push(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  return dates;
}
