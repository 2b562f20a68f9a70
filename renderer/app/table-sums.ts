// Small helpers to read figures out of table models for headlines and charts.
import type { TableModel } from '../../shared/tables/model';

/** The column total: the totals row when the table has one, else the sum of the rows. */
export function columnTotal(model: TableModel, key: string): number {
  const fromTotals = model.totals?.[key];
  if (typeof fromTotals === 'number') return fromTotals;
  let sum = 0;
  for (const row of model.rows) {
    const value = row[key];
    if (typeof value === 'number') sum += value;
  }
  return sum;
}
