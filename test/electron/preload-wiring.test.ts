// Runs the real electron/preload.ts bundle against a fake 'electron': it must need nothing
// but 'electron' (a sandboxed preload cannot require anything else) and expose exactly
// the bridge as window.ketenlens.
import { build } from 'esbuild';
import { expect, it, vi } from 'vitest';
import { join } from 'node:path';

it('exposes only invoke, on and pathForFile as window.ketenlens, requiring only electron', async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'electron', 'preload.ts')],
    bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent',
  });
  const exposed = new Map<string, Record<string, unknown>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    webUtils: { getPathForFile: () => '/dropped.snapshot.age' },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${name}'`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', bundle.outputFiles[0]?.text ?? '')(sandboxRequire, module, module.exports);

  expect(required).toEqual(['electron']);
  expect([...exposed.keys()]).toEqual(['ketenlens']);
  expect(Object.keys(exposed.get('ketenlens') ?? {}).sort()).toEqual(['invoke', 'on', 'pathForFile']);
});
