// The renderer build. `base: './'` because Electron loads dist/renderer/index.html
// over file://, where absolute asset paths would point at the filesystem root.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/renderer'),
    emptyOutDir: true,
    // Electron's and Debian's Chromium both support <link rel=modulepreload>; the
    // polyfill would only add code that fetches with its own logic.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
