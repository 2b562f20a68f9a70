// Proves the analysis-family lint rule: a family folder (shared/analyses/elip/, boete/,
// kennisgeving/, datalek/) never imports another family or the catalogue, and
// shared/analyses/common/ imports no family; with the teaching message, and without
// losing the shared/ zone rule in those folders.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importing = (name: string, from: string) => `import { ${name} } from '${from}';\nexport const x = ${name};\n`;

describe('analysis families', () => {
  it('refuses an import of another family, and says where shared code belongs', async () => {
    const messages = await messagesFor('shared/analyses/kennisgeving/facts.ts', importing('personFacts', '../elip/facts'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('stands alone');
    expect(messages[0]).toContain('shared/analyses/common/');
    expect(messages[0]).toContain('How to add a table');
  });

  it('refuses every other family, through any relative path', async () => {
    for (const [file, from] of [
      ['shared/analyses/elip/tables.ts', '../boete/compute'],
      ['shared/analyses/boete/compute.ts', '../datalek'],
      ['shared/analyses/datalek/tables.ts', '../../analyses/kennisgeving/notes'],
      ['shared/analyses/elip/sub/deeper.ts', '../../boete/facts'],
    ] as const) {
      const messages = await messagesFor(file, importing('x1', from));
      expect(messages, `${file} → ${from}`).toHaveLength(1);
      expect(messages[0]).toContain('stands alone');
    }
  });

  it('refuses the catalogue in a family (only the catalogue imports the families)', async () => {
    const messages = await messagesFor('shared/analyses/datalek/tables.ts', importing('buildTable', '../../tables/catalogue'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('catalogue');
  });

  it('refuses a family and the catalogue in shared/analyses/common/', async () => {
    const family = await messagesFor('shared/analyses/common/notes.ts', importing('elipANote', '../elip/notes'));
    const catalogue = await messagesFor('shared/analyses/common/notes.ts', importing('TABLES', '../../tables/catalogue'));
    for (const messages of [family, catalogue]) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('below the analysis families');
    }
  });

  it('keeps the shared/ zone rule inside the families', async () => {
    const messages = await messagesFor('shared/analyses/elip/facts.ts', importing('readFileSync', 'node:fs'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('isomorphic core');
  });

  it('allows a family its own files, common/, the table definition and the vocabulary', async () => {
    const file = 'shared/analyses/boete/tables.ts';
    expect(await messagesFor(file, importing('orderFacts', './facts'))).toEqual([]);
    expect(await messagesFor(file, importing('tableModel', '../common/table-model'))).toEqual([]);
    expect(await messagesFor(file, "import type { TableDefinition } from '../../tables/definition';\nexport type X = TableDefinition;\n")).toEqual([]);
    expect(await messagesFor(file, importing('BESLUITEN', '../../snapshot/vocabulary'))).toEqual([]);
  });

  it('lets the catalogue import the families', async () => {
    expect(await messagesFor('shared/tables/catalogue.ts', importing('elipTables', '../analyses/elip/tables'))).toEqual([]);
  });
});
