// `npm run bench`: runs every bench/*.bench.ts in its own process (so peak memory is its
// own), each printing a Markdown section, and writes them to docs/PERFORMANCE.md with
// the machine and date. Benchmarks measure; they never fail on a target.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const dir = join(import.meta.dirname, '.');
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

const sections: string[] = [];
for (const name of benches) {
  process.stderr.write(`bench: ${name}\n`);
  try {
    const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, name)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    sections.push(output.trim());
  } catch (error) {
    sections.push(`## ${name}\n\nFailed to run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Performance',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}.`,
  'Targets come from the issues; each section says honestly whether it is met.',
  '',
].join('\n');
// Measurements that need a browser or a long manual run live in docs/performance/*.md and are copied in;
// summary.md (what the numbers mean for the open issue, written by hand after a run) comes first.
const recordedNames = readdirSync(join(dir, '..', 'docs', 'performance'))
  .filter((name) => name.endsWith('.md'))
  .sort();
const recorded = (name: string) => readFileSync(join(dir, '..', 'docs', 'performance', name), 'utf8').trim();
sections.unshift(...recordedNames.filter((name) => name === 'summary.md').map(recorded));
sections.push(...recordedNames.filter((name) => name !== 'summary.md').map(recorded));

if (only.length === 0) {
  writeFileSync(join(dir, '..', 'docs', 'PERFORMANCE.md'), `${header}\n${sections.join('\n\n')}\n`);
  process.stderr.write('bench: wrote docs/PERFORMANCE.md\n');
} else {
  process.stdout.write(`${header}\n${sections.join('\n\n')}\n`);
}
