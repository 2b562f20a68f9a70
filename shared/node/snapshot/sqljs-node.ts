// The Node corner's sql.js provider: loads the WebAssembly build from the installed
// sql.js package (node_modules/sql.js/dist/sql-wasm.wasm), once per process, on first
// use. The package is CommonJS and is loaded with require, not import: an ESM import of a
// CommonJS module first runs Node's export scanner (cjs-module-lexer) over it, ≈ 40 ms
// of every command's start, and commands that never open a snapshot skip it entirely.
import { createRequire } from 'node:module';
import type initSqlJs from 'sql.js';
import { cachedSqlJsProvider, type SqlJsProvider } from '../../snapshot/sqljs';

const require = createRequire(import.meta.url);

/** Where the sql.js WebAssembly file is, resolved like a package import from this module. */
export function sqlJsWasmPath(): string {
  return require.resolve('sql.js/dist/sql-wasm.wasm');
}

export const nodeSqlJsProvider: SqlJsProvider = cachedSqlJsProvider(async () => {
  const load: typeof initSqlJs = require('sql.js');
  return load({ locateFile: () => sqlJsWasmPath() });
});
