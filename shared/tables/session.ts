// An analysis session over one opened snapshot: the place where per-person facts are
// precomputed once and reused, so changing a reference date or threshold is cheap.
import { instantOfDate } from '../dates';
import type { OpenedSnapshot } from '../snapshot/types';
import type { Provenance } from './model';
import { GENERATOR } from '../version';

export interface AnalysisSession {
  snapshot: OpenedSnapshot;
  /**
   * Memoise an expensive computation for the life of the session (e.g. per-person loan timelines).
   * Keys are '<family>/<what>[/<argument>]', e.g. 'elip/person-facts', 'datalek/exposure/2024-06-30'.
   */
  cached<T>(key: string, compute: () => T): T;
  provenance(): Provenance;
}

export function createAnalysisSession(snapshot: OpenedSnapshot, options: { now?: () => Date } = {}): AnalysisSession {
  const cache = new Map<string, unknown>();
  const now = options.now ?? (() => new Date());
  return {
    snapshot,
    cached<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T; // the key space is owned by the caller that stored it
    },
    provenance(): Provenance {
      return {
        snapshot_sha256: snapshot.sha256,
        peildatum: snapshot.meta.peildatum,
        generator: GENERATOR,
        created_at: instantOfDate(now()),
      };
    },
  };
}
