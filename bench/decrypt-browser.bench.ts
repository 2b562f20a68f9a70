// Benchmark of the worker's age decryption in Chromium (Debian's, headless): the same
// decryptAgeWith on libsodium's wasm ChaCha20-Poly1305 (the path since issue 10) and on
// noble's pure JS (before), on one 340 MB file made in the page. Node's V8 gives similar
// figures (bench/decrypt.bench.ts); this one shows the browser host's engine itself.
// Run by `npm run bench` (bench/run.ts); prints one Markdown section on stdout.
import { build } from 'esbuild';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/harness';
import type { BrowserRun } from './decrypt-browser-entry';

const PLAINTEXT_BYTES = 340_000_000;
const ORDER = ['wasm', 'pure', 'wasm', 'pure', 'wasm'] as const;
const MB = 1e6;
/** The national snapshot of issue 10, for the estimate. */
const NATIONAL_BYTES = 518_524_712;

const loadAtStart = loadavg();
const bundle = await build({
  entryPoints: [join(import.meta.dirname, 'decrypt-browser-entry.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const result = await page.evaluate(
    ([bytes, order]) =>
      (globalThis as unknown as { ketenlensDecryptBench(b: number, o: readonly string[]): Promise<{ fileBytes: number; runs: BrowserRun[] }> }).ketenlensDecryptBench(bytes, order),
    [PLAINTEXT_BYTES, ORDER] as const,
  );
  if (result.runs.some((run) => !run.identical)) throw new Error('a decrypt path returned the wrong plaintext');
  const best = (path: BrowserRun['path']) => Math.min(...result.runs.filter((run) => run.path === path).map((run) => run.seconds));
  const rate = (seconds: number) => result.fileBytes / MB / seconds;
  const wasm = best('wasm');
  const pure = best('pure');
  const version = browser.version();
  const lines = [
    '## age decryption in Chromium (bench/decrypt-browser.bench.ts)',
    '',
    `Chromium ${version} (headless), in a page: one ${(result.fileBytes / MB).toFixed(0)} MB age file made there (passphrase, ${PLAINTEXT_BYTES / MB} MB plaintext),`,
    'decrypted from memory by `decryptAgeWith` (as the worker does) into a fresh buffer; every plaintext compared byte for byte with the original.',
    `Best of ${ORDER.filter((path) => path === 'wasm').length} (wasm) and ${ORDER.filter((path) => path === 'pure').length} (pure JS) interleaved runs; MB/s = encrypted MB per wall-clock second.`,
    `Load average (1, 5, 15 min) at the start: ${loadAtStart.map((load) => load.toFixed(2)).join(', ')}; at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')}.`,
    '',
    '| ChaCha20-Poly1305 | Seconds | MB/s | 519 MB national snapshot at this rate |',
    '|---|---:|---:|---:|',
    `| libsodium wasm (worker path since issue 10) | ${wasm.toFixed(2)} | ${rate(wasm).toFixed(0)} | ${(NATIONAL_BYTES / MB / rate(wasm)).toFixed(1)} s |`,
    `| pure JS, @noble/ciphers (before) | ${pure.toFixed(2)} | ${rate(pure).toFixed(0)} | ${(NATIONAL_BYTES / MB / rate(pure)).toFixed(1)} s |`,
    '',
    `libsodium wasm: ${(pure / wasm).toFixed(2)} × the pure-JS throughput in Chromium.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await browser.close();
}
