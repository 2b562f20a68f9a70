// The one table of column rules covers exactly the schema's columns, and holds what the
// CHECKs of snapshot-v1.sql say (enumerations, NOT NULL), so the findings and seal that
// derive from it follow the schema.
import { describe, expect, it } from 'vitest';
import { COLUMNS } from './columns';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from './schema';

describe('column rules', () => {
  it('name every column of every table, in the schema order', () => {
    expect(Object.keys(COLUMNS).sort()).toEqual(Object.keys(TABLE_COLUMNS).sort());
    for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
      expect([table, Object.keys(COLUMNS[table as keyof typeof COLUMNS])]).toEqual([table, [...columns]]);
    }
  });

  it('mark a column required exactly when the schema says NOT NULL (or it is the primary key)', () => {
    for (const [, table, body] of SNAPSHOT_SCHEMA_SQL.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\)/g)) {
      for (const line of body!.split('\n').map((text) => text.trim()).filter((text) => /^[a-z_]+\s+(TEXT|INTEGER)/.test(text))) {
        const column = line.split(/\s+/)[0]!;
        const rule = (COLUMNS as Record<string, Record<string, { required: boolean; oneOf?: readonly (string | number)[] }>>)[table!]![column]!;
        expect([table, column, rule.required]).toEqual([table, column, /NOT NULL|PRIMARY KEY/.test(line)]);
        if (rule.oneOf !== undefined) {
          const listed = rule.oneOf.map((value) => (typeof value === 'number' ? String(value) : `'${value}'`)).join(', ');
          expect([table, column, line.includes(`IN (${listed})`)]).toEqual([table, column, true]);
        }
      }
    }
  });
});
