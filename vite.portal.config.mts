// The parents' portal build (portal/ -> dist/portal), served by the central server at `/`.
// Absolute asset paths: the server answers every portal route (/cabinet, /apply/...) with
// the same index.html, so relative paths would break below the root.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'portal'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/portal'),
    emptyOutDir: true,
    // Phones on slow links: no polyfill code, no source maps shipped.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2020',
  },
});
