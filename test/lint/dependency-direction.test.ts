// Proves the dependency-direction lint rule fires, with its teaching message, for each
// zone: isomorphic shared/, the renderer, shared/node and electron/.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction', () => {
  it('refuses Node built-ins in isomorphic shared/ and says where Node code belongs', async () => {
    const messages = await messagesFor('shared/analyses/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('shared/ is the isomorphic core');
    expect(messages[0]).toContain('shared/node/');
  });

  it('refuses React and Electron in shared/', async () => {
    const react = await messagesFor('shared/tables/example.ts', "import { useState } from 'react';\nexport const x = useState;\n");
    const electron = await messagesFor('shared/tables/example.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(react[0]).toContain('isomorphic core');
    expect(electron[0]).toContain('isomorphic core');
  });

  it('refuses shared/node from isomorphic shared/', async () => {
    const messages = await messagesFor('shared/tables/example.ts', "import { main } from '../node/cli/main';\nexport const x = main;\n");
    expect(messages[0]).toContain('isomorphic core');
  });

  it('refuses electron, node:* and shared/node in the renderer and points at the HostApi', async () => {
    const electron = await messagesFor('renderer/example.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n");
    const node = await messagesFor('renderer/example.ts', "import { join } from 'node:path';\nexport const x = join;\n");
    const corner = await messagesFor('renderer/example.ts', "import { main } from '../shared/node/cli/main';\nexport const x = main;\n");
    for (const messages of [electron, node, corner]) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('HostApi');
    }
  });

  it('refuses Electron in shared/node (the CLI runs without Electron) but allows Node built-ins', async () => {
    expect(await messagesFor('shared/node/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    const electron = await messagesFor('shared/node/example.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(electron[0]).toContain('never Electron');
  });

  it('refuses renderer code in electron/', async () => {
    const messages = await messagesFor('electron/example.ts', "import { App } from '../renderer/App';\nexport const x = App;\n");
    expect(messages[0]).toContain('thin shell');
  });

  it('refuses test-only code (test/support/) in product code of every zone, but not in tests', async () => {
    for (const [file, from] of [
      ['shared/analyses/elip/facts.ts', '../../../test/support/snapshot'],
      ['shared/node/cli/main.ts', '../../../test/support/age-cli'],
      ['renderer/worker/core.ts', '../../test/support/snapshot'],
      ['electron/main.ts', '../test/support/snapshot'],
    ] as const) {
      const messages = await messagesFor(file, `import { x } from '${from}';\nexport const y = x;\n`);
      expect(messages, file).toHaveLength(1);
      expect(messages[0]).toContain('test-only code');
    }
    expect(await messagesFor('renderer/worker/core.test.ts', "import { buildPlaintext } from '../../test/support/snapshot';\nexport const y = buildPlaintext;\n")).toEqual([]);
  });

  it('allows the renderer to import the isomorphic core', async () => {
    expect(await messagesFor('renderer/example.ts', "import { GENERATOR } from '../shared/version';\nexport const x = GENERATOR;\n")).toEqual([]);
  });
});
