// The import worker (dist/import-worker.cjs): imports one log file into one
// store on its own thread and connection, so the window never waits on it.
import { parentPort, workerData } from 'node:worker_threads';
import { LogError } from '../../shared/log/parseLine';
import { ImportCancelledError } from './importFile';
import type { FromImportWorker, ImportWorkerData, ToImportWorker } from './importProtocol';
import { openStore } from './store';

const PROGRESS_EVERY_MS = 100;

async function run(data: ImportWorkerData): Promise<FromImportWorker> {
  const abort = new AbortController();
  parentPort!.on('message', (m: ToImportWorker) => {
    if (m?.type === 'cancel') abort.abort();
  });
  let store;
  try {
    store = await openStore({ file: data.dbFile });
  } catch (e) {
    return {
      type: 'failed',
      error: {
        message: `cannot open the store: ${(e as Error).message}`,
        line: null,
        code: 'store',
      },
    };
  }
  let last = 0;
  try {
    const result = await store.importFile(data.logFile, {
      signal: abort.signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && progress.bytesRead < progress.totalBytes) return;
        last = now;
        post({ type: 'progress', progress });
      },
    });
    return { type: 'done', result };
  } catch (e) {
    if (e instanceof ImportCancelledError) return { type: 'cancelled' };
    if (e instanceof LogError)
      return {
        type: 'failed',
        error: { message: e.message, line: e.line ?? null, code: 'malformed' },
      };
    const code = (e as NodeJS.ErrnoException).code;
    const io = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR';
    return {
      type: 'failed',
      error: { message: (e as Error).message, line: null, code: io ? 'io' : 'store' },
    };
  } finally {
    await store.close().catch(() => undefined);
  }
}

function post(m: FromImportWorker): void {
  parentPort!.postMessage(m);
}

if (parentPort) {
  run(workerData as ImportWorkerData).then(
    (m) => post(m),
    (e) =>
      post({
        type: 'failed',
        error: { message: String((e as Error)?.stack ?? e), line: null, code: 'store' },
      }),
  );
}
