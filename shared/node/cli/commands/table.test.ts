// `ketenlens table` and `ketenlens tables`: Tabel 1 of nr. 391 from the demo snapshot in
// Markdown, the exact model as JSON, and refusals of bad parameters before the key is asked.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../errors';
import { generateDemoSnapshot } from '../../../demo/index';
import { loadSqlJs } from '../../../../test/support/snapshot';
import { FIXTURE_PASSPHRASE, buildSnapshotFile, writeEncryptedFile, type SnapshotFixture } from '../../../../test/support/snapshot';
import { main } from '../main';
import { eurosToCents, requestFromOptions } from './table';
import { captureCliIo, type CapturedCliIo } from '../../../../test/support/cli-io';

function captureIo(cwd: string, language: 'nl' | 'en' = 'en'): CapturedCliIo {
  return captureCliIo({ cwd, language, env: { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, KETENLENS_DATA_DIR: join(cwd, '.ketenlens-data') } });
}

let demo: SnapshotFixture;
let small: SnapshotFixture;
beforeAll(async () => {
  // The demo plaintext, encrypted with the fixtures' cheap work factor (the real demo file
  // uses age's default, which only makes this test slower).
  demo = await writeEncryptedFile(generateDemoSnapshot(await loadSqlJs()), { name: 'demo.snapshot.age' });
  small = await buildSnapshotFile(
    `INSERT INTO inburgeraar VALUES ('p1', 'Wi2013', 'asiel', '2015-01-01', NULL, NULL, 'lopend', NULL);
     INSERT INTO lening_betaling VALUES ('p1', '2016-01-01', 960000);`,
    { name: 'klein.snapshot.age' },
  );
}, 120_000);
afterAll(() => {
  demo.remove();
  small.remove();
});

describe('ketenlens table', () => {
  it('prints Tabel 1 of nr. 391 from the demo snapshot as Markdown', async () => {
    const capture = captureIo(demo.directory);
    const code = await main(
      ['table', 'elip-cohorten', 'demo.snapshot.age', '--peildatum', '2022-05-01', '--peildatum', '2022-10-15', '--peildatum', '2023-07-01',
        '--cohort-merge-from', '2022', '--format', 'md'],
      capture.io,
    );
    expect(capture.stderr()).not.toContain('internal error');
    expect(code).toBe(EXIT.ok);
    const text = capture.stdout();
    expect(text).toContain('ELIP minstens € 9.500 geleend, per cohort (asielmigranten)');
    const lines = text.split('\n');
    const row = (date: string) => lines.find((line) => line.includes(date))?.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '');
    expect(row('01-05-2022') ?? row('1-5-2022')).toEqual([expect.stringMatching(/^0?1-0?5-2022$/), '24', '78', '207', '460', '601', '722', '270', '30', '4', '0', '2.396']);
    expect(row('15-10-2022')).toEqual([expect.any(String), '21', '65', '167', '325', '391', '548', '487', '87', '10', '1', '2.102']);
    expect(row('01-07-2023') ?? row('1-7-2023')).toEqual([expect.any(String), '14', '56', '138', '232', '258', '308', '627', '645', '156', '2', '2.436']);
    expect(text).toContain("'22/'23");
    expect(text).toContain('Bron: DUO');
  }, 120_000);

  it('prints exactly the table model as JSON', async () => {
    const capture = captureIo(small.directory);
    const code = await main(['table', 'elip-gemeenten', 'klein.snapshot.age', '--peildatum', '2022-05-01', '--format', 'json', '--drempel', '9500'], capture.io);
    expect(code).toBe(EXIT.ok);
    const model = JSON.parse(capture.stdout()) as { id: string; rows: unknown[]; parameters: unknown; source: string };
    expect(model.id).toBe('elip-gemeenten');
    expect(model.rows).toEqual([{ gemeente_code: null, gemeente: 'Onbekend', elip_a: 1, elip_b: 0, totaal: 1 }]);
    expect(model.parameters).toEqual({ peildatum: '2022-05-01', doelgroep: 'asiel', drempel_cent: 950000, drempel_b_cent: 750000, maanden_b: 12 });
    expect(model.source).toBe('DUO');
  });

  it('refuses an absent optional table with exit 7', async () => {
    const capture = captureIo(small.directory);
    const fixture = await buildSnapshotFile('DROP TABLE dwangbevel;', { name: 'zonder.snapshot.age' });
    try {
      expect(await main(['table', 'incasso-achterstand', fixture.path], capture.io)).toBe(EXIT.refused);
      expect(capture.stderr()).toContain("does not contain the optional table(s) 'dwangbevel'");
    } finally {
      fixture.remove();
    }
  });

  it('refuses bad parameters before asking for the key', async () => {
    const cases: [string[], RegExp][] = [
      [['table', 'bestaat-niet', 'x.snapshot.age'], /Unknown table 'bestaat-niet'/],
      [['table', 'elip-cohorten', 'x.snapshot.age', '--peildatum', '2022-02-30'], /not a valid date/],
      [['table', 'elip-cohorten', 'x.snapshot.age', '--doelgroep', 'toerist'], /not a doelgroep/],
      [['table', 'elip-cohorten', 'x.snapshot.age', '--drempel', '-5'], /--drempel/],
      [['table', 'elip-cohorten', 'x.snapshot.age', '--cohort-merge-from', 'twintig'], /--cohort-merge-from/],
      [['table', 'elip-cohorten'], /Usage: ketenlens table <id> <snapshot>/],
    ];
    for (const [argv, message] of cases) {
      const capture = captureIo(small.directory);
      expect(await main(argv, capture.io)).toBe(EXIT.usage);
      expect(capture.stderr()).toMatch(message);
    }
  });

  it('reads euros and options', () => {
    expect(eurosToCents('--drempel', '9500')).toBe(950000);
    expect(eurosToCents('--drempel', '9500,5')).toBe(950050);
    expect(eurosToCents('--drempel', '7500.25')).toBe(750025);
    expect(() => eurosToCents('--drempel', '9.500,00')).toThrow(/--drempel/);
    expect(requestFromOptions({ peildatum: ['2022-05-01,2022-10-15'], 'cohort-merge-from': '2022' })).toEqual({
      peildata: ['2022-05-01', '2022-10-15'], cohort_merge_from: 2022,
    });
  });
});

describe('ketenlens tables', () => {
  it('lists every catalogue table with a description in the chosen language', async () => {
    const english = captureIo(small.directory, 'en');
    expect(await main(['tables'], english.io)).toBe(EXIT.ok);
    expect(english.stdout()).toMatch(/^elip-cohorten\s+ELIP-A \(loan almost used up/m);
    expect(english.stdout()).toMatch(/^incasso-achterstand\s+.*\(needs dwangbevel\)$/m);
    const dutch = captureIo(small.directory, 'nl');
    expect(await main(['tables'], dutch.io)).toBe(EXIT.ok);
    expect(dutch.stdout()).toMatch(/^kennisgeving-vertraging\s+.*\(vraagt kennisgeving, ind_levering\)$/m);
  });
});
