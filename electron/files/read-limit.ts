// The largest file file:read hands to the renderer. Same rule as the core's
// maxSnapshotBytes (shared/node/snapshot/open-file.ts, not imported: it brings sql.js
// along): KETENLENS_MAX_SNAPSHOT_MB when a positive number, else 4096 MB (10^6 bytes).
export const DEFAULT_MAX_READ_MB = 4096;

export function maxReadBytes(env: NodeJS.ProcessEnv): number {
  const configured = Number(env.KETENLENS_MAX_SNAPSHOT_MB);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_READ_MB;
  return Math.round(megabytes * 1e6);
}
