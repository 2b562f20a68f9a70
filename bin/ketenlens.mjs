#!/usr/bin/env node
// `ketenlens` command line. Runs the bundle built by `npm run build:cli` (done by
// `npm ci`/`npm install` through the prepare script, and by `npm test`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/ketenlens.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('ketenlens: the command line is not built yet; run `npm run build:cli` in the repository.\n');
  process.exit(70);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
