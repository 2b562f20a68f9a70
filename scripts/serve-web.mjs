#!/usr/bin/env node
// The browser host's static server: serves dist-web/ on 127.0.0.1 only, with the same
// Content-Security-Policy as the page, and GET /demo.snapshot.age — the encrypted demo
// snapshot, made on first request into a temporary data directory (never the plaintext),
// or a given, already made one (`npm start`'s fallback passes the CLI's demo file); and
// GET /demo-eerder.snapshot.age, the earlier demo extract for *Vergelijken met…*.
// Run directly: PORT=0 picks a free port; the URL is printed as the first line on stdout.
// Imported: serveWeb({ port, demoPath }) starts the same server and returns its address.
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../dist-web', import.meta.url)));

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.topojson': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.age': 'application/octet-stream',
};

// Cross-origin isolation (COOP + COEP), as the desktop host's app:// responses: the page may
// then share memory with its workers, which lets a large snapshot be decrypted on two cores
// (renderer/worker/decrypt-aside.ts). Everything the page loads comes from this server.
const baseHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The demo file is made once per server; later requests reuse the same promise. */
let demoFile = null;
/** A demo snapshot made beforehand (serveWeb's demoPath), served as is. */
let preparedDemoPath = null;
function demoSnapshot() {
  if (preparedDemoPath !== null) return readFile(preparedDemoPath);
  demoFile ??= (async () => {
    const dataDirectory = process.env.KETENLENS_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'ketenlens-web-')));
    process.env.KETENLENS_DATA_DIR = dataDirectory;
    // The generator is TypeScript in shared/node/demo; tsx loads it without a build step.
    const { tsImport } = await import('tsx/esm/api');
    const demo = await tsImport('../shared/node/demo/index.ts', import.meta.url);
    const path = await demo.ensureDemoSnapshot(dataDirectory);
    return readFile(typeof path === 'string' ? path : path.path);
  })();
  demoFile.catch(() => { demoFile = null; });
  return demoFile;
}

/** The earlier demo extract (peildatum 2023-07-13) for *Vergelijken met…*, made on first request. */
let earlierDemoFile = null;
function earlierDemoSnapshot() {
  earlierDemoFile ??= (async () => {
    const dataDirectory = process.env.KETENLENS_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'ketenlens-web-')));
    process.env.KETENLENS_DATA_DIR = dataDirectory;
    const { tsImport } = await import('tsx/esm/api');
    const demo = await tsImport('../shared/node/demo/index.ts', import.meta.url);
    return readFile(await demo.ensureEarlierDemoSnapshot(dataDirectory));
  })();
  earlierDemoFile.catch(() => { earlierDemoFile = null; });
  return earlierDemoFile;
}

function send(response, status, body, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Maps a URL path into dist-web/, or null when it would leave it. */
function resolveInsideRoot(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(root, `.${sep}${normalize(decoded)}`);
  return candidate === root || candidate.startsWith(root + sep) ? candidate : null;
}

const server = createServer(async (request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
  const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (urlPath === '/demo.snapshot.age' || urlPath === '/demo-eerder.snapshot.age') {
    try {
      const bytes = await (urlPath === '/demo.snapshot.age' ? demoSnapshot() : earlierDemoSnapshot());
      response.writeHead(200, { ...baseHeaders, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
      return response.end(bytes);
    } catch (error) {
      console.error('demo snapshot unavailable:', error instanceof Error ? error.message : error);
      return send(response, 503, 'Demo snapshot unavailable');
    }
  }
  let path = resolveInsideRoot(urlPath === '/' ? '/index.html' : urlPath);
  if (path === null) return send(response, 400, 'Bad path');
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path);
    const type = MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    response.writeHead(200, { ...baseHeaders, 'Content-Type': type, 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    send(response, 404, 'Not found');
  }
});

/**
 * Start serving on 127.0.0.1 (port 0: a free one). Resolves to the address once listening;
 * rejects when dist-web/ is not built or the port is taken (error.code 'EADDRINUSE').
 */
export function serveWeb({ port: wanted = 5173, demoPath = null } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    return Promise.reject(new Error('dist-web/index.html is missing: run `npm run build:web` first (or `npm run start:web`).'));
  }
  preparedDemoPath = demoPath;
  return new Promise((resolveListening, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : wanted;
      resolveListening({ url: `http://127.0.0.1:${actualPort}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const port = Number.parseInt(process.env.PORT ?? '5173', 10);
  serveWeb({ port }).then(
    ({ url }) => console.log(url),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
