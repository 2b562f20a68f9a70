// The allow-list of file:read. The renderer may read a file only after the user chose it:
// in an open dialog, by dropping it, by opening it from the OS (file association, second
// instance, macOS open-file) or from the recent list. Any other path is refused, so a
// compromised renderer cannot read ~/.ssh or another snapshot on its own.
import { posix, win32 } from 'node:path';

export type GrantSource = 'dialog' | 'drop' | 'open-request' | 'recent' | 'demo';
/** What the file is for: only snapshots go into the recent list. */
export type GrantKind = 'snapshot' | 'identity';

export interface Grant {
  source: GrantSource;
  kind: GrantKind;
}

export interface PathGrants {
  grant(path: string, grant: Grant): void;
  /** The grant for `path`, or null when the user never chose it. */
  lookup(path: string): Grant | null;
}

function pathsOf(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** Windows and macOS file systems are usually case-insensitive; compare accordingly. */
export function normalisePath(path: string, platform: NodeJS.Platform): string {
  const resolved = pathsOf(platform).resolve(path);
  return platform === 'win32' || platform === 'darwin' ? resolved.toLowerCase() : resolved;
}

export function createPathGrants(platform: NodeJS.Platform = process.platform): PathGrants {
  const granted = new Map<string, Grant>();
  return {
    grant(path, grant) {
      if (!pathsOf(platform).isAbsolute(path)) return;
      granted.set(normalisePath(path, platform), grant);
    },
    lookup(path) {
      if (typeof path !== 'string' || !pathsOf(platform).isAbsolute(path) || path.includes('\0')) return null;
      return granted.get(normalisePath(path, platform)) ?? null;
    },
  };
}

/** Dropped files: *.age is a snapshot, anything else is taken as an identity file. */
export function kindOfDroppedFile(path: string): GrantKind {
  return path.toLowerCase().endsWith('.age') ? 'snapshot' : 'identity';
}
