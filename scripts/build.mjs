// Builds every runnable piece into dist/: the CLI, the main-process bundles
// (Electron and the Node harness), the preload script, workers, and the renderer.
// esbuild bundles the TypeScript so `node dist/...` runs with no loader at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Native and heavy packages stay in node_modules; they are installed beside the bundle.
const external = [
  'electron', 'sqlite3', 'typeorm', 'exceljs', 'reflect-metadata',
  // argon2id's native binding, per platform
  '@node-rs/argon2',
  // the central server's: PGlite loads its WASM files from its own folder
  'pg', 'pg-native', '@electric-sql/pglite', 'fastify', 'pino', '@fastify/static',
];

const nodeEntries = [
  ['main/cli/index.ts', 'dist/cli.cjs'],
  ['main/cli/validateWorker.ts', 'dist/validate-worker.cjs'],
  ['main/harness/index.ts', 'dist/harness.cjs'],
  ['main/electron/main.ts', 'dist/main/electron.cjs'],
  ['main/store/importWorker.ts', 'dist/import-worker.cjs'],
  ['main/store/whatIf/whatIfWorker.ts', 'dist/what-if-worker.cjs'],
  ['main/excel/workbookWorker.ts', 'dist/workbook-worker.cjs'],
  ['preload/index.ts', 'dist/preload.cjs'],
  ['server/index.ts', 'dist/server.cjs'],
];

// --cli-only: the CLI alone (tests, benchmarks); --server: the CLI and the central server.
const only = process.argv.includes('--cli-only');
const serverOnly = process.argv.includes('--server');
const wanted = (src) =>
  only ? src.startsWith('main/cli/') : serverOnly ? src.startsWith('main/cli/') || src.startsWith('server/') : true;
await Promise.all(
  nodeEntries
    .filter(([src]) => existsSync(src) && wanted(src))
    .map(([src, out]) =>
      build({
        entryPoints: [src],
        outfile: out,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: 'linked',
        external,
        logLevel: 'warning',
      }),
    ),
);

if (!only && !serverOnly && existsSync('renderer/index.html')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
