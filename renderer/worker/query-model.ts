// An ad-hoc query's result as a table model, so the SQL screen uses the same grid, the
// same exporters and the same way out as every table. Such a result is person-level by
// rule (renderer/worker/way-out.ts): nothing about its columns or its SQL text can show
// that every row counts enough persons, so it never leaves without confirmation.
import type { QueryResult } from '../../shared/snapshot/query';
import type { AnalysisSession } from '../../shared/tables/session';
import type { ColumnType, TableColumn, TableModel, TableRow } from '../../shared/tables/model';

export function queryModel(sql: string, result: QueryResult, session: AnalysisSession): TableModel {
  const rows: TableRow[] = result.rows.map((values) => {
    const row: TableRow = {};
    result.columns.forEach((name, index) => {
      const value = values[index];
      row[name] = value instanceof Uint8Array ? `(${value.length} bytes)` : (value ?? null);
    });
    return row;
  });
  const columns = result.columns.map((name): TableColumn => {
    const values = rows.map((row) => row[name]).filter((value) => value !== null);
    const isNumber = values.length > 0 && values.every((value) => typeof value === 'number');
    const fractional = isNumber && values.some((value) => typeof value === 'number' && !Number.isInteger(value));
    // Fractions are measurements, not counts: disclosure control must leave them alone.
    const type: ColumnType = fractional ? 'number' : isNumber ? 'count' : 'text';
    return fractional ? { key: name, label: name, type, decimals: 2 } : { key: name, label: name, type };
  });
  return {
    id: 'query',
    title: 'Query',
    columns,
    rows,
    totals: null,
    notes: [sql.trim()],
    source: session.snapshot.meta.bron,
    parameters: { sql: sql.trim(), person_level: true },
    disclosure: { method: 'none' },
    provenance: session.provenance(),
  };
}
