// Render check: where LibreOffice and poppler are installed, convert the DOCX and ODT of
// Tabel 1 to PDF and read the text back, so a document that opens but renders wrong (or
// does not open) is caught. Skipped, with a message, where the tools are absent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../shared/export/index';
import { tabel1Model } from './tabel1';

function installed(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = installed('soffice') && installed('pdftotext');
if (!available) console.warn('render.test: LibreOffice (soffice) or pdftotext is not installed; the PDF render check is skipped.');

describe.skipIf(!available)('DOCX and ODT render in LibreOffice', () => {
  it('shows the caption, the Dutch numbers of Tabel 1 and the Bron line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ketenlens-render-'));
    try {
      writeFileSync(join(folder, 'tabel1.docx'), await exportTable(tabel1Model(), 'docx'));
      writeFileSync(join(folder, 'tabel1-odt.odt'), await exportTable(tabel1Model(), 'odt'));
      // A profile of its own, so a LibreOffice already running elsewhere does not interfere.
      execFileSync(
        'soffice',
        [`-env:UserInstallation=${pathToFileURL(join(folder, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', folder, 'tabel1.docx', 'tabel1-odt.odt'],
        { cwd: folder, stdio: 'ignore', timeout: 120_000 },
      );
      for (const name of ['tabel1', 'tabel1-odt']) {
        const text = execFileSync('pdftotext', ['-layout', join(folder, `${name}.pdf`), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
        expect(text, name).toContain('Tabel 1: ELIP minstens € 9.500 geleend, per cohort (asielmigranten)');
        expect(text, name).toContain("Peildatum '13 '14 '15 '16 '17 '18 '19 '20 '21 '22/'23 Totaal");
        expect(text, name).toContain('01-05-2022 24 78 207 460 601 722 270 30 4 0 2.396');
        expect(text, name).toContain('01-07-2023 14 56 138 232 258 308 627 645 156 2 2.436');
        expect(text, name).toContain('Bron: DUO');
        expect(text, name).toContain('Ketenlens-snapshot c801c015dd18');
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
