// ESLint flat config. Besides the usual TypeScript rules it enforces the one-way
// dependency direction of Ketenlens (see docs/ARCHITECTURE.md):
//
//   renderer ──▶ shared (isomorphic part) ◀── electron ──▶ shared/node
//                                  ▲
//                      shared/node ┘  (the only Node-only corner of shared)
//
// Each zone's rule message explains *why*, so a failing lint teaches the design.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'string_decoder',
  'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const WHY_SHARED =
  'shared/ is the isomorphic core: it must run unchanged in Node, in a browser and in a Web Worker. ' +
  'It may not import Node built-ins, Electron, React or anything from electron/ or renderer/. ' +
  'Put Node-only code in shared/node/ (the one marked Node corner) and call it from electron/ or the CLI.';
const WHY_RENDERER =
  'renderer/ is host-agnostic: the same React app runs in Electron and in a plain browser. ' +
  'It may not import electron, Node built-ins or shared/node/. Reach the host only through the typed ' +
  'HostApi of shared/ipc/contract.ts (window.ketenlens in Electron, the browser host otherwise).';
const WHY_SHARED_NODE =
  'shared/node/ is the Node corner of the core: it may use Node built-ins, but never Electron, React, ' +
  'electron/ or renderer/ — the command line uses it without Electron.';
const WHY_ELECTRON =
  'electron/ is a thin shell over shared/: it may not import renderer/ code (the renderer is loaded as a page, ' +
  'and talks to main only through the typed IPC contract in shared/ipc/contract.ts).';

const WHY_FAMILY =
  'An analysis family (shared/analyses/elip/, boete/, kennisgeving/, datalek/) stands alone: it reads its facts, ' +
  'computes, words its notes and defines its tables from shared/analyses/common/, shared/tables/definition.ts, ' +
  'shared/snapshot/vocabulary.ts and the rest of shared/ — never from another family or from shared/tables/catalogue.ts. ' +
  'Only the catalogue imports the families, so nothing depends back on it (no cycle) and each family can be read, tested ' +
  'and copied on its own. Move what two families share into shared/analyses/common/ (enumerations of the schema into ' +
  'shared/snapshot/vocabulary.ts); see "How to add a table" in docs/ARCHITECTURE.md.';
const WHY_COMMON =
  'shared/analyses/common/ sits below the analysis families: every family may use it, so it may import no family ' +
  '(shared/analyses/elip/, boete/, kennisgeving/, datalek/) and not shared/tables/catalogue.ts, which imports the families.';

const ANALYSIS_FAMILIES = ['elip', 'boete', 'kennisgeving', 'datalek'];

const WHY_TEST_SUPPORT =
  'test/ holds test-only code (test/support/: the SQL-text fixture factory, the age CLI driver): product code in ' +
  'shared/, renderer/ and electron/ never imports it, so it never lands in a bundle. Only *.test.ts files and test/ may use it.';

const restrict = (message, { node = false, electron = false, react = false, dirs = [] }) => {
  const patterns = [{ group: ['**/test/**', '../test', '../../test', '../../../test'], message: WHY_TEST_SUPPORT }];
  if (node) {
    patterns.push({ group: ['node:*'], message });
    patterns.push({ group: nodeBuiltins, message });
  }
  if (electron) patterns.push({ group: ['electron', 'electron/*'], message });
  if (react) patterns.push({ group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'recharts', '@tanstack/react-*'], message });
  for (const dir of dirs) patterns.push({ group: [`**/${dir}/**`, `../${dir}`, `../../${dir}`], message });
  return ['error', { patterns }];
};

/** The shared/ rule plus: no import of the given analysis families, nor of the catalogue that imports them. */
const analysisRule = (message, families) => {
  const [, { patterns }] = restrict(WHY_SHARED, { node: true, electron: true, react: true, dirs: ['renderer', 'electron', 'node'] });
  const forbidden = ['**/tables/catalogue', '**/tables/catalogue.ts'];
  for (const family of families) {
    forbidden.push(`../${family}`, `../${family}/**`, `../../${family}`, `../../${family}/**`, `**/analyses/${family}`, `**/analyses/${family}/**`);
  }
  return ['error', { patterns: [...patterns, { group: forbidden, message }] }];
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-web/', 'release/', 'test-results/', 'coverage/', 'data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['warn', { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/node/**'],
    rules: {
      'no-restricted-imports': restrict(WHY_SHARED, {
        node: true, electron: true, react: true, dirs: ['renderer', 'electron', 'node'],
      }),
    },
  },
  ...ANALYSIS_FAMILIES.map((family) => ({
    files: [`shared/analyses/${family}/**/*.ts`],
    rules: { 'no-restricted-imports': analysisRule(WHY_FAMILY, ANALYSIS_FAMILIES.filter((other) => other !== family)) },
  })),
  {
    files: ['shared/analyses/common/**/*.ts'],
    rules: { 'no-restricted-imports': analysisRule(WHY_COMMON, ANALYSIS_FAMILIES) },
  },
  {
    files: ['shared/node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(WHY_SHARED_NODE, { electron: true, react: true, dirs: ['renderer', 'electron'] }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(WHY_RENDERER, { node: true, electron: true, dirs: ['node', 'electron'] }),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(WHY_ELECTRON, { react: true, dirs: ['renderer'] }),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      // Tests may reach across layers to set up fixtures (e.g. the age CLI via node:child_process).
      'no-restricted-imports': 'off',
    },
  },
);
