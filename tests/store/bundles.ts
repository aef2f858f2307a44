// The CLI and the import worker bundled as the build bundles them, into
// dist/tests-store/ (next to node_modules, so sqlite3 and typeorm resolve),
// for the tests that run them as real processes and threads.
import { build } from 'esbuild';
import path from 'node:path';

export interface TestBundles {
  cli: string;
  worker: string;
}

const root = path.resolve(__dirname, '../..');
let built: Promise<TestBundles> | null = null;

export function buildTestBundles(): Promise<TestBundles> {
  built ??= (async () => {
    const outDir = path.join(root, 'dist', 'tests-store', String(process.pid));
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      target: 'node20',
      external: ['electron', 'sqlite3', 'typeorm', 'exceljs', 'reflect-metadata'],
      logLevel: 'warning' as const,
    };
    const cliEntry = path.join(outDir, 'kabyl.cjs');
    await build({
      ...common,
      stdin: {
        contents: "require('./main/cli/index.ts').runCli();",
        resolveDir: root,
        loader: 'ts',
      },
      outfile: cliEntry,
    });
    const worker = path.join(outDir, 'import-worker.cjs');
    await build({
      ...common,
      entryPoints: [path.join(root, 'main/store/importWorker.ts')],
      outfile: worker,
    });
    return { cli: cliEntry, worker };
  })();
  return built;
}
