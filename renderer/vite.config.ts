// Renderer build: root renderer/, relative asset paths (served from app:// in Electron and from the harness),
// output build/renderer/ at the repo root, no sourcemaps in what ships.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // Keep the CSP strict: no asset may be inlined as a data: script or style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
