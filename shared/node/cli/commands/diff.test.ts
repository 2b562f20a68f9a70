// `ketenlens diff` on the two demo snapshots, encrypted as a user has them: the documented
// backlog causes in the JSON output, no person id anywhere, per-file keys, usage errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { DEMO_PASSPHRASE, writeDemoSnapshot, writeEarlierDemoSnapshot } from '../../demo/index';

let directory: string;
let oldPath: string;
let newPath: string;

async function run(argv: string[], env: NodeJS.ProcessEnv = { KETENLENS_PASSPHRASE: DEMO_PASSPHRASE }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  const code = await main(argv, { stdout, stderr, env: { KETENLENS_DATA_DIR: directory, ...env }, cwd: directory, language: 'en' });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errors).toString('utf8') };
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ketenlens-diff-'));
  oldPath = join(directory, 'eerder.snapshot.age');
  newPath = join(directory, 'demo.snapshot.age');
  const to = { kind: 'passphrase', passphrase: DEMO_PASSPHRASE, logN: 10 } as const;
  await writeEarlierDemoSnapshot({ out: oldPath, to, force: false });
  await writeDemoSnapshot({ out: newPath, to, force: false });
}, 300_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ketenlens diff', () => {
  it('explains the backlog change of the demo pair by cause, in counts only', async () => {
    const result = await run(['diff', oldPath, newPath, '--table', 'boete-achterstand', '--peildatum', '2022-10-31', '--comparison', 'gelijk', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/P\d{7}/);
    const models = JSON.parse(result.stdout) as { id: string; rows: Record<string, unknown>[]; notes: string[] }[];
    expect(models.map((model) => model.id)).toEqual(['diff-boete-achterstand-gelijk']);
    const total = models[0]?.rows.find((row) => row.rij === 'Totaal' && row.kolom === 'Achterstand');
    expect(total).toMatchObject({
      oud: 2002, nieuw: 3217, toename: 1215, afname: 0,
      nieuw_bij: 260, nieuw_af: 0, verwijderd_bij: 0, verwijderd_af: 45, laat_geleverd_bij: 750, laat_geleverd_af: 0,
      status_datum_bij: 250, status_datum_af: 0,
    });
    expect(models[0]?.notes[0]).toContain("pseudoniem_domein 'ketenlens-demo'");
  }, 300_000);

  it('takes a key per file: a wrong passphrase for the new file only is a key error', async () => {
    writeFileSync(join(directory, 'wrong.txt'), 'not-the-passphrase\n');
    const result = await run(['diff', oldPath, newPath, '--table', 'boete-ouderdom', '--passphrase-file-new', 'wrong.txt']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
  }, 300_000);

  it('refuses a missing snapshot argument and an unknown comparison with exit 2', async () => {
    expect((await run(['diff', oldPath])).code).toBe(2);
    const unknown = await run(['diff', oldPath, newPath, '--comparison', 'soms']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('gelijk, eigen or beide');
  });
});
