// Every table of the catalogue is described where tables are described (docs/ANALYSES.md or,
// for the data-leak family, docs/DATALEK.md), every analysis family has the files "How to
// add a table" in docs/ARCHITECTURE.md tells a newcomer to copy, and every file that guide
// names exists — so the guide cannot silently drift from the tree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_IDS } from '../../shared/tables/catalogue';

const read = (path: string) => readFileSync(path, 'utf8');
const TABLE_DOCS = ['docs/ANALYSES.md', 'docs/DATALEK.md'];
const FAMILIES = ['elip', 'boete', 'kennisgeving', 'datalek'];
const FAMILY_FILES = ['facts.ts', 'compute.ts', 'notes.ts', 'tables.ts', 'reference.ts'];

/** The section "How to add a table" of docs/ARCHITECTURE.md. */
function howToAddATable(): string {
  const architecture = read('docs/ARCHITECTURE.md');
  const start = architecture.indexOf('## How to add a table');
  expect(start, 'docs/ARCHITECTURE.md has a section "How to add a table"').toBeGreaterThanOrEqual(0);
  const end = architecture.indexOf('\n## ', start + 1);
  return architecture.slice(start, end === -1 ? undefined : end);
}

describe('the tables are documented', () => {
  it('names every catalogue id, in backticks or as a heading, in docs/ANALYSES.md or docs/DATALEK.md', () => {
    const docs = TABLE_DOCS.map(read).join('\n');
    const undocumented = TABLE_IDS.filter((id) => !docs.includes(`\`${id}\``) && !new RegExp(`^#+ ${id}\\b`, 'm').test(docs));
    expect(TABLE_IDS.length).toBeGreaterThanOrEqual(9);
    expect(undocumented).toEqual([]);
  });

  it('gives every analysis family folder the files the guide copies, and nothing else at its top', () => {
    const folders = readdirSync('shared/analyses', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual([...FAMILIES, 'common'].sort());
    for (const family of FAMILIES) {
      const files = readdirSync(`shared/analyses/${family}`);
      for (const file of FAMILY_FILES) expect(files, `shared/analyses/${family}/${file}`).toContain(file);
      expect(files.some((file) => file.endsWith('.test.ts')), `a test in shared/analyses/${family}/`).toBe(true);
    }
  });

  it('only points at files that exist, and walks through every file of a family', () => {
    const guide = howToAddATable();
    const paths = [...guide.matchAll(/`((?:shared|test|docs)\/[\w./-]+\.(?:ts|md))`/g)].map((match) => match[1]);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !existsSync(path))).toEqual([]);
    for (const file of FAMILY_FILES) expect(guide).toContain(`shared/analyses/kennisgeving/${file}`);
    expect(guide).toContain('shared/tables/catalogue.ts');
  });
});
