import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from './schema';

describe('snapshot schema module', () => {
  it('holds exactly the text of snapshot-v1.sql', () => {
    const file = readFileSync(join(import.meta.dirname, 'snapshot-v1.sql'), 'utf8');
    expect(SNAPSHOT_SCHEMA_SQL).toBe(file);
  });

  it('lists every column of every CREATE TABLE in the schema', () => {
    const created = [...SNAPSHOT_SCHEMA_SQL.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\)/g)];
    expect(created.length).toBe(13);
    for (const [, table, body] of created) {
      const columns = body!
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^[a-z_]+\s+(TEXT|INTEGER)/.test(line))
        .map((line) => line.split(/\s+/)[0]);
      expect(TABLE_COLUMNS[table as keyof typeof TABLE_COLUMNS]).toEqual(columns);
    }
  });
});
