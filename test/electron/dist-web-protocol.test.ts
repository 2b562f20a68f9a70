// The renderer build as the app:// protocol serves it: every file Vite put in dist-web
// must be served (a new asset type would otherwise be refused in Electron only), the
// WebAssembly with application/wasm, and index.html's own references must resolve.
// Skipped, with the reason printed, when dist-web has not been built.
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../electron/protocol/handler';

const distWeb = join(import.meta.dirname, '..', '..', 'dist-web');
const built = existsSync(join(distWeb, 'index.html'));
if (!built) console.log('[dist-web protocol] skipped: dist-web/ is not built; run `npm run build:web`');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe.skipIf(!built)('dist-web over app://', () => {
  const handle = createAppProtocolHandler(distWeb, { realpath, readFile });
  const urlOf = (file: string) => `app://ketenlens/${relative(distWeb, file).split(sep).map(encodeURIComponent).join('/')}`;

  it('serves every built file with a known type and the CSP', async () => {
    const files = (await filesUnder(distWeb)).filter((file) => !file.endsWith('.map'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const response = await handle(new Request(urlOf(file)));
      expect({ file: relative(distWeb, file), status: response.status }).toEqual({ file: relative(distWeb, file), status: 200 });
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      if (file.endsWith('.wasm')) expect(response.headers.get('content-type')).toBe('application/wasm');
    }
  });

  it("resolves index.html's scripts and styles relative to app://ketenlens/", async () => {
    const html = await (await handle(new Request('app://ketenlens/index.html'))).text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      const response = await handle(new Request(new URL(reference, 'app://ketenlens/index.html').href));
      expect({ reference, status: response.status }).toEqual({ reference, status: 200 });
    }
  });
});
