// The browser end-to-end suite: the built app (dist-web/) served by scripts/serve-web.mjs,
// driven by headless Debian chromium through playwright-core. One file, one browser, in order.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
