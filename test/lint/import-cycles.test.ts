// No import cycle in shared/, renderer/ or electron/ — type-only imports included, since a
// module that depends (even for a type) on one that depends on it cannot be read, tested
// or moved on its own. The resolver itself is proved on planted cycles first.
import { describe, expect, it } from 'vitest';
import { findCycles, graphOf, importSpecifiers, readSources, resolveSpecifier } from './import-graph';

const sources = (files: Record<string, string>) => new Map(Object.entries(files));

describe('the import resolver', () => {
  it('reads value, type-only, re-export, side-effect and dynamic imports, and skips packages', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export type { D } from './d';",
      "export * from './e';",
      "import './f';",
      "const g = await import('./g');",
      "import initSqlJs from 'sql.js';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a', '../b', './c', './d', './e', './f', './g']);
  });

  it('resolves extension-less paths, .js to .ts, .tsx and directory index files', () => {
    const files = new Set(['shared/x/a.ts', 'shared/x/b.tsx', 'shared/y/index.ts', 'shared/x/c.ts']);
    const exists = (file: string) => files.has(file);
    expect(resolveSpecifier('shared/x/m.ts', './a', exists)).toBe('shared/x/a.ts');
    expect(resolveSpecifier('shared/x/m.ts', './b', exists)).toBe('shared/x/b.tsx');
    expect(resolveSpecifier('shared/x/m.ts', '../y', exists)).toBe('shared/y/index.ts');
    expect(resolveSpecifier('shared/x/m.ts', './c.js', exists)).toBe('shared/x/c.ts');
    expect(resolveSpecifier('shared/x/m.ts', './schema.sql', exists)).toBeNull();
  });
});

describe('findCycles', () => {
  it('finds a planted cycle made only of type imports, through an index file', () => {
    const graph = graphOf(sources({
      'shared/tables/catalogue.ts': "import { elipTables } from '../analyses/elip';\nexport const TABLES = elipTables;\n",
      'shared/analyses/elip/index.ts': "export { elipTables } from './tables';\n",
      'shared/analyses/elip/tables.ts': "import type { TableRequest } from '../../tables/catalogue';\nexport const elipTables: TableRequest[] = [];\n",
      'shared/tables/model.ts': 'export interface TableModel { id: string }\n',
    }));
    expect(findCycles(graph)).toEqual([
      ['shared/analyses/elip/index.ts', 'shared/analyses/elip/tables.ts', 'shared/tables/catalogue.ts', 'shared/analyses/elip/index.ts'],
    ]);
  });

  it('finds a file importing itself and two separate cycles', () => {
    const graph = graphOf(sources({
      'a.ts': "import './a';\n",
      'b.ts': "import './c';\n",
      'c.ts': "import './b';\n",
      'd.ts': "import './b';\n",
    }));
    const cycles = findCycles(graph).sort((x, y) => x[0].localeCompare(y[0]));
    expect(cycles).toEqual([['a.ts', 'a.ts'], ['b.ts', 'c.ts', 'b.ts']]);
  });

  it('finds nothing in a graph that only goes one way', () => {
    const graph = graphOf(sources({
      'shared/tables/catalogue.ts': "import { elipTables } from '../analyses/elip/tables';\nimport type { TableRequest } from './definition';\n",
      'shared/analyses/elip/tables.ts': "import type { TableRequest } from '../../tables/definition';\n",
      'shared/tables/definition.ts': 'export interface TableRequest { peildata?: string[] }\n',
    }));
    expect(findCycles(graph)).toEqual([]);
  });
});

describe('the repository', () => {
  it('has no import cycle in shared/, renderer/ or electron/', () => {
    const graph = graphOf(readSources(process.cwd(), ['shared', 'renderer', 'electron']));
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
