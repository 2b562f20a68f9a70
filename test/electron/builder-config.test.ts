// The packaging configuration: targets, file association, shipped files and fuses.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';

const require = createRequire(import.meta.url);
const config: Configuration = require('../../build/electron-builder.config.cjs');

describe('electron-builder configuration', () => {
  it('names the app and packs it into an asar without node_modules', () => {
    expect(config.productName).toBe('Ketenlens');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist-web/**/*', '!node_modules/**/*']));
    expect(config.extraMetadata).toEqual({ main: 'dist/electron/main.cjs' });
  });

  it('builds AppImage and deb, nsis and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('associates snapshot files', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'age', name: 'Ketenlens snapshot' })]);
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };
    await expect(validateConfiguration(config, new DebugLogger())).resolves.toBeUndefined();
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
