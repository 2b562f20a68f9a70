// Bundles the Electron main process and the preload with esbuild into
// dist/electron/main.cjs and dist/electron/preload.cjs (package.json "main").
// The preload must be one self-contained file: a sandboxed preload may require only
// 'electron' (and a few polyfills), so the build fails if anything else is left as a require.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 runs Node 22.
  target: 'node22',
  external: ['electron'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

await build({ ...common, entryPoints: [join(root, 'electron', 'main.ts')], outfile: join(outdir, 'main.cjs') });
await build({ ...common, entryPoints: [join(root, 'electron', 'preload.ts')], outfile: join(outdir, 'preload.cjs') });

const preload = await readFile(join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
const foreign = required.filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(`build-electron: the preload requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'.`);
  process.exit(1);
}
console.log('build-electron: dist/electron/main.cjs and dist/electron/preload.cjs');
