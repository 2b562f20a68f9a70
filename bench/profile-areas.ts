// Where a command's time goes: self time from V8 CPU profiles (.cpuprofile, one per thread)
// grouped by area of the code, for bench/cli.bench.ts. The profiles are of the shipped
// bundle (dist/cli), so bundled frames are mapped back to their source module through the
// `// shared/…` line esbuild writes at the start of each module. Node's own frames (URL
// `node:…` or empty: natives, the runtime) are charged to the nearest caller that says
// what they are for — `TextDecoder.decode` called by the snapshot loader is snapshot
// loading, `readSync` called by a decryption thread is a file read — so that what is left
// as "Node" is only what no code of ours asked for: start-up, module loading, the runtime.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const IDLE = 'idle (waiting)';

/** The tag check of every chunk beside a decryption on demand (the hash on that thread is SHA-256's area). */
export const VERIFICATION = "every chunk's tag checked (verification thread)";

/** Native file-system calls: reading the file (ciphertext, sql.js wasm, key files). */
const FILE_CALLS = new Set(['read', 'readSync', 'open', 'openSync', 'openFileHandle', 'fstat', 'close', 'closeSync', 'readFileUtf8']);

/** Module start lines of a bundled file: [line, source path], in order of line. */
function moduleStarts(file: string): [number, string][] {
  const starts: [number, string][] = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    const match = /^\/\/ ((?:shared|node_modules)\/\S+)$/.exec(line);
    if (match) starts.push([index, match[1]!]);
  });
  return starts;
}

/** The source a frame's code comes from: the bundled module for dist/cli frames, else its URL. */
function sourceResolver(): (frame: CallFrame) => string {
  const bundles = new Map<string, [number, string][]>();
  return (frame) => {
    if (!frame.url.startsWith('file:') || !frame.url.includes('/dist/cli/')) return frame.url;
    let starts = bundles.get(frame.url);
    if (starts === undefined) {
      starts = moduleStarts(fileURLToPath(frame.url));
      bundles.set(frame.url, starts);
    }
    let found = frame.url;
    for (let low = 0, high = starts.length - 1; low <= high; ) {
      const middle = (low + high) >> 1;
      if (starts[middle]![0] <= frame.lineNumber) {
        found = `/${starts[middle]![1]}`;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };
}

/** The area of a frame of our code, the libraries or the crypto natives; null for Node's own frames. */
function codeArea(name: string, source: string, decryptionThread: boolean, verificationThread = false): string | null {
  // The verification of a file decrypted on demand (verify-worker.ts): its cipher checks the tags, its hash is the digest.
  if (verificationThread && (source === 'node:internal/crypto/cipher' || source.includes('[worker eval]'))) return VERIFICATION;
  if (source.includes('/shared/snapshot/btree') || source.includes('/shared/snapshot/row-tests') || source.includes('/shared/snapshot/findings-scan')) {
    return 'b-tree scan and row checks';
  }
  if (name.startsWith('wasm-function') || source.startsWith('wasm://') || source.includes('sql-wasm')) return 'sql.js (SQLite in WebAssembly)';
  // node:crypto's ChaCha20-Poly1305 (OpenSSL) is the decryption; its SHA-256 is the file digest.
  if (source.includes('/shared/age/') || source.includes('/shared/node/age/') || source === 'node:internal/crypto/cipher') return 'decryption';
  if (source === 'node:internal/crypto/hash') return 'SHA-256 (hash thread)';
  // The age workers are evaluated source ('[worker eval]'): a thread that runs decryptRange decrypts, the other hashes.
  if (source.includes('[worker eval]')) return decryptionThread ? 'decryption' : 'SHA-256 (hash thread)';
  if (source.includes('/shared/analyses/') || source.includes('/shared/tables/')) return 'analyses (facts and tables)';
  if (source.includes('/shared/snapshot/')) return 'snapshot loading and SQL findings (JS side)';
  if (source.includes('/shared/')) return 'command line, output and audit trail';
  if (source.includes('node_modules')) return 'libraries (node_modules)';
  // Code of ours that is not mapped to a module (a bundle built from elsewhere) is not Node's.
  if (source.startsWith('file:') || source.startsWith('/')) return 'other';
  return null;
}

/** Node's module loaders and the compilation of its built-in modules (start-up of every thread). */
function isLoading(frame: CallFrame): boolean {
  return frame.url.startsWith('node:internal/modules/') || frame.functionName === 'compileForInternalLoader' || frame.functionName === 'requireBuiltin';
}

/** Self time (ms) by area over every .cpuprofile in `directory` (all threads). */
export function profileAreas(directory: string): Map<string, number> {
  return new Map([...profileAreaFrames(directory)].map(([area, frames]) => [area, [...frames.values()].reduce((sum, ms) => sum + ms, 0)]));
}

/** Self time (ms) by area and, within it, by frame ("function source"), to see what an area holds. */
export function profileAreaFrames(directory: string): Map<string, Map<string, number>> {
  const areas = new Map<string, Map<string, number>>();
  const sourceOf = sourceResolver();
  for (const name of readdirSync(directory).filter((file) => file.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(directory, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    const decryptionThread = profile.nodes.some((node) => node.callFrame.functionName === 'decryptRange');
    const verificationThread = profile.nodes.some((node) => node.callFrame.functionName === 'opens' && node.callFrame.url.includes('[worker eval]'));
    const areaOfNode = new Map<number, string>();
    const classify = (id: number): string => {
      const known = areaOfNode.get(id);
      if (known !== undefined) return known;
      const frame = nodes.get(id)!.callFrame;
      let area: string | null = null;
      if (frame.functionName === '(idle)') area = IDLE;
      else if (frame.functionName === '(garbage collector)') area = 'garbage collection';
      // Time in V8 or Node's C++ that the profiler could not attribute to a JS frame (not idle time).
      else if (frame.functionName === '(program)') area = 'V8 and Node runtime, unattributed ("(program)")';
      else area = codeArea(frame.functionName, sourceOf(frame), decryptionThread, verificationThread);
      if (area === null) {
        // One of Node's frames: what it is for is decided by its callers.
        const callers: CallFrame[] = [];
        for (let parent = parents.get(id); parent !== undefined; parent = parents.get(parent)) callers.push(nodes.get(parent)!.callFrame);
        if (isLoading(frame) || callers.some(isLoading)) area = 'Node start-up and module loading';
        else if (FILE_CALLS.has(frame.functionName)) area = 'file reads (page cache to memory)';
        else {
          for (const caller of callers) {
            area = codeArea(caller.functionName, sourceOf(caller), decryptionThread, verificationThread);
            if (area !== null) break;
          }
          area ??= 'Node runtime (event loop, streams, worker messages)';
        }
      }
      areaOfNode.set(id, area);
      return area;
    };
    profile.samples.forEach((sample, index) => {
      const area = classify(sample);
      const frame = nodes.get(sample)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${sourceOf(frame)}`;
      const frames = areas.get(area) ?? new Map<string, number>();
      areas.set(area, frames);
      frames.set(key, (frames.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
  }
  return areas;
}
