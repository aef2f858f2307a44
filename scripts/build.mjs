// Builds every runnable piece into dist/: the CLI, the main-process bundles
// (Electron and the Node harness), the preload script, workers, the renderer, and the
// parents' portal (dist/portal, served by the central server).
// esbuild bundles the TypeScript so `node dist/...` runs with no loader at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Native and heavy packages stay in node_modules; they are installed beside the bundle.
const external = [
  'electron',
  'sqlite3',
  'typeorm',
  'exceljs',
  'reflect-metadata',
  // argon2id's native binding, per platform
  '@node-rs/argon2',
  // the central server's: PGlite loads its WASM files from its own folder
  'pg',
  'pg-native',
  '@electric-sql/pglite',
  'fastify',
  'pino',
  '@fastify/static',
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

// --cli-only: the CLI alone (tests, benchmarks); --server: the CLI, the central server
// and the portal it serves.
const only = process.argv.includes('--cli-only');
const serverOnly = process.argv.includes('--server');
const wanted = (src) =>
  only
    ? src.startsWith('main/cli/')
    : serverOnly
      ? src.startsWith('main/cli/') || src.startsWith('server/')
      : true;
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

// The parents' portal, served by the central server: built with the server too.
if (!only && existsSync('portal/index.html')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.portal.config.mts'), logLevel: 'warn' });
  await precompress(path.join(root, 'dist/portal'));
}

/** .br and .gz twins of the portal's text files, for @fastify/static's preCompressed. */
async function precompress(dir) {
  const { readdir, readFile, writeFile } = await import('node:fs/promises');
  const zlib = await import('node:zlib');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile() && /\.(js|css|html|svg|json)$/.test(e.name))
      .map(async (e) => {
        const file = path.join(e.parentPath ?? e.path, e.name);
        const bytes = await readFile(file);
        await writeFile(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
        await writeFile(`${file}.br`, zlib.brotliCompressSync(bytes));
      }),
  );
}
