// The app:// protocol: only files inside dist-web, with MIME types and the CSP.
import { mkdtemp, mkdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../electron/protocol/resolve';
import { createAppProtocolHandler } from '../../electron/protocol/handler';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';

describe('resolveAppRequest', () => {
  const root = '/opt/ketenlens/dist-web';
  it('maps app URLs to files with their MIME type', () => {
    expect(resolveAppRequest('app://ketenlens/', root)).toEqual({ ok: true, filePath: `${root}/index.html`, mimeType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://ketenlens/assets/sql-wasm.wasm', root)).toMatchObject({ ok: true, mimeType: 'application/wasm' });
    expect(resolveAppRequest('app://ketenlens/assets/index-1a2b.js?x=1#y', root)).toMatchObject({ ok: true, filePath: `${root}/assets/index-1a2b.js` });
  });

  it('refuses traversal, other hosts and unknown types', () => {
    // The URL parser already folds dot segments, so this stays inside the root.
    expect(resolveAppRequest('app://ketenlens/%2e%2e/%2e%2e/etc/passwd.txt', root)).toMatchObject({ ok: true, filePath: `${root}/etc/passwd.txt` });
    expect(resolveAppRequest('app://ketenlens/assets/..%2f..%2fsecret.js', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('app://ketenlens/a%5c..%5cb.js', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://ketenlens/a%00.js', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://ketenlens/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://evil/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('file:///opt/ketenlens/dist-web/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('app://ketenlens/demo.snapshot.age', root)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('app protocol handler', () => {
  let base = '';
  let root = '';
  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ketenlens-protocol-')));
    root = join(base, 'dist-web');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Ketenlens</title>');
    await writeFile(join(root, 'assets', 'sql-wasm.wasm'), new Uint8Array([0, 97, 115, 109]));
    await writeFile(join(base, 'outside.js'), 'secret()');
    await symlink(join(base, 'outside.js'), join(root, 'assets', 'escape.js'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const handler = () => createAppProtocolHandler(root, { realpath, readFile });

  it('serves files with the CSP and the right MIME type', async () => {
    const page = await handler()(new Request('app://ketenlens/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Ketenlens</title>');
    const wasm = await handler()(new Request('app://ketenlens/assets/sql-wasm.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('refuses symlinks out of dist-web, missing files and writes, still with the CSP', async () => {
    const escape = await handler()(new Request('app://ketenlens/assets/escape.js'));
    expect(escape.status).toBe(403);
    expect(escape.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler()(new Request('app://ketenlens/missing.js'))).status).toBe(404);
    expect((await handler()(new Request('app://ketenlens/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
