// The Node corner's sql.js provider: loads the WebAssembly build from the installed
// sql.js package (node_modules/sql.js/dist/sql-wasm.wasm), once per process.
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { cachedSqlJsProvider, type SqlJsProvider } from '../../snapshot/sqljs';

const require = createRequire(import.meta.url);

/** Where the sql.js WebAssembly file is, resolved like a package import from this module. */
export function sqlJsWasmPath(): string {
  return require.resolve('sql.js/dist/sql-wasm.wasm');
}

export const nodeSqlJsProvider: SqlJsProvider = cachedSqlJsProvider(() =>
  initSqlJs({ locateFile: () => sqlJsWasmPath() }),
);
