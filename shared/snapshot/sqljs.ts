// How the isomorphic core gets an initialised sql.js module without knowing where its
// WebAssembly file lives: the host (Node corner, browser worker) passes a provider.
import type { SqlJsStatic } from 'sql.js';

/** Returns the initialised sql.js module; call it as often as you like (it is cached). */
export type SqlJsProvider = () => Promise<SqlJsStatic>;

/**
 * Wrap a loader so it runs once: the first call starts initialisation, later calls share
 * its promise. A failed initialisation is not cached, so a later call may try again.
 */
export function cachedSqlJsProvider(load: () => Promise<SqlJsStatic>): SqlJsProvider {
  let pending: Promise<SqlJsStatic> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
