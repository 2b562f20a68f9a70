// A one-line progress bar on stderr for long operations (open: read/decrypt/load/check;
// seal: read/check/build/encrypt), drawn
// only when stderr is a terminal so pipes and logs stay clean.
import type { Progress, ProgressListener } from '../../age/types';
import type { CliIo } from './command';

const PHASE_LABELS: Record<Progress['phase'], string> = {
  read: 'lezen/read',
  decrypt: 'ontsleutelen/decrypt',
  load: 'laden/load',
  check: 'controleren/check',
  generate: 'genereren/generate',
  build: 'opbouwen/build',
  encrypt: 'versleutelen/encrypt',
  write: 'schrijven/write',
};

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** The text of one bar, e.g. "ontsleutelen/decrypt [#######.....]  58%". */
export function renderProgress(progress: Progress): string {
  const label = PHASE_LABELS[progress.phase].padEnd(22);
  if (progress.total <= 0) return `${label} …`;
  const fraction = Math.min(1, Math.max(0, progress.done / progress.total));
  const filled = Math.round(fraction * BAR_WIDTH);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%`;
}

export interface ProgressBar {
  /** undefined when stderr is not a terminal: pass it straight on as `onProgress`. */
  onProgress: ProgressListener | undefined;
  /** Clear the bar's line (call before printing results or errors). */
  done(): void;
}

export function createProgressBar(io: CliIo, now: () => number = Date.now): ProgressBar {
  if (io.stderr.isTTY !== true) return { onProgress: undefined, done: () => undefined };
  let lastDrawn = -Infinity;
  let lastPhase: Progress['phase'] | undefined;
  let drawn = false;
  return {
    onProgress(progress) {
      const time = now();
      const finished = progress.total > 0 && progress.done >= progress.total;
      if (progress.phase === lastPhase && !finished && time - lastDrawn < REDRAW_MS) return;
      lastDrawn = time;
      lastPhase = progress.phase;
      drawn = true;
      io.stderr.write(`\r${renderProgress(progress)}\u001b[K`);
    },
    done() {
      if (drawn) io.stderr.write('\r\u001b[K');
      drawn = false;
    },
  };
}
