// Vite build of the renderer: one static bundle (dist-web/) that both hosts load — the
// browser host over http, Electron from disk — hence the relative base.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// import.meta.dirname instead of node:path keeps this file inside the renderer's import rules.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: `${root}/../dist-web`,
    emptyOutDir: true,
    // The sql.js wasm (≈650 kB) and the topology files must stay separate files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  // Cross-origin isolated like both hosts (scripts/serve-web.mjs, electron/security/csp.ts).
  server: {
    fs: { allow: [`${root}/..`] },
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
