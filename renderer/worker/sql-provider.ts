// Loads sql.js in the worker from the bundled wasm file (a same-origin URL, so the strict
// CSP holds: only 'wasm-unsafe-eval', no remote fetch, no eval).
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';

let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => wasmUrl });
  return loading;
}
