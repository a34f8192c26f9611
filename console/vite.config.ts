/**
 * Build of the web console: a single-page app compiled to `console/dist` (run from the
 * repository root as `vite build console`). Hashed file names under `assets/` let the
 * gateway cache them for a year; no inline script is emitted, so the gateway's strict
 * Content-Security-Policy holds. `vite console` serves it for development and forwards
 * `/api` to a gateway on TSUNAGI_URL (default http://127.0.0.1:8080).
 */
import { defineConfig } from 'vite';

const gateway = globalThis.process?.env['TSUNAGI_URL'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': gateway } },
});
