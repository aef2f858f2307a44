// The store's import worker runs as a bundled file on a worker thread; tests run
// from TypeScript sources, so bundle it once into a temp folder (the same esbuild
// settings as scripts/build.mjs). It goes under node_modules/.cache so that it finds
// sqlite3 and typeorm the way dist/ does, without touching anyone's dist/.
import { build } from 'esbuild';
import path from 'node:path';

let built: Promise<string> | null = null;

export function importWorkerFile(): Promise<string> {
  built ??= (async () => {
    const out = path.resolve(
      __dirname,
      '../../node_modules/.cache/kabyl-tests',
      `import-worker-${process.pid}.cjs`,
    );
    await build({
      entryPoints: [path.resolve(__dirname, '../../main/store/importWorker.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: [
        'electron',
        'sqlite3',
        'typeorm',
        'exceljs',
        'reflect-metadata',
        '@node-rs/argon2',
      ],
      logLevel: 'error',
    });
    return out;
  })();
  return built;
}

let workbookBuilt: Promise<string> | null = null;

/** The workbook worker (main/excel/workbookWorker.ts), bundled the same way. */
export function workbookWorkerFile(): Promise<string> {
  workbookBuilt ??= (async () => {
    const out = path.resolve(
      __dirname,
      '../../node_modules/.cache/kabyl-tests',
      `workbook-worker-${process.pid}.cjs`,
    );
    await build({
      entryPoints: [path.resolve(__dirname, '../../main/excel/workbookWorker.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'sqlite3', 'typeorm', 'exceljs', 'reflect-metadata'],
      logLevel: 'error',
    });
    return out;
  })();
  return workbookBuilt;
}
