// Node corner: the command line's second thread for the checks (shared/snapshot/scan-aside.ts).
// The image is shared, not copied: it is a SharedArrayBuffer when the payload was decrypted
// on worker threads (shared/node/age/payload-workers.ts); any other image, and a small one
// (where starting a thread costs more than its scan saves), is declined, and the main thread
// checks everything. A thread that cannot start or fails declines too: it only ever saves time.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MIN_SCAN_ASIDE_BYTES, type ScanAside, type ScanAsideAnswer } from '../../snapshot/scan-aside';
import { workerExecArgv } from '../age/worker-flags';

interface WorkerScript {
  url: URL;
  execArgv: string[];
}

/**
 * Where the thread's entry is: the bundle's own file (dist/cli/scan-worker.mjs, from the
 * entry or a chunk), or in the sources (as the tests run them) the TypeScript entry beside
 * this module, behind a bootstrap that registers tsx's loader in the thread (a loader flag
 * in a worker's execArgv is not honoured by Node 20). Null when neither can be found.
 */
export function scanWorkerScript(moduleUrl: string = import.meta.url): WorkerScript | null {
  if (moduleUrl.endsWith('.ts')) return sourceScript(moduleUrl);
  for (const candidate of ['./scan-worker.mjs', '../scan-worker.mjs']) {
    const url = new URL(candidate, moduleUrl);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: workerExecArgv() };
  }
  return null;
}

function sourceScript(moduleUrl: string): WorkerScript | null {
  let loader: string;
  try {
    // The package's CommonJS entry sits beside its ES module one.
    loader = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return null;
  }
  const entry = new URL('./scan-worker.ts', moduleUrl).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(loader)}); register(); await import(${JSON.stringify(entry)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), execArgv: workerExecArgv() };
}

type WorkerMessage = { answer: ScanAsideAnswer } | { error: string };

export function scanAsideOnThread(options: { minimumBytes?: number; script?: WorkerScript | null } = {}): ScanAside {
  const minimumBytes = options.minimumBytes ?? MIN_SCAN_ASIDE_BYTES;
  return (request, signal) => {
    const script = options.script === undefined ? scanWorkerScript() : options.script;
    if (script === null || !(request.image.buffer instanceof SharedArrayBuffer) || request.image.length < minimumBytes || signal.aborted) {
      return Promise.resolve(null);
    }
    return new Promise<ScanAsideAnswer | null>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(script.url, { workerData: request, execArgv: script.execArgv });
      } catch {
        resolve(null);
        return;
      }
      const stop = (): void => {
        resolve(null);
        void worker.terminate();
      };
      signal.addEventListener('abort', stop, { once: true });
      // Not terminated after its answer: the thread ends by itself, so a CPU profile of the
      // process (node --cpu-prof) includes it.
      worker.once('message', (message: WorkerMessage) => resolve('answer' in message ? message.answer : null));
      worker.once('error', () => resolve(null));
      worker.once('exit', () => {
        signal.removeEventListener('abort', stop);
        resolve(null);
      });
    });
  };
}
