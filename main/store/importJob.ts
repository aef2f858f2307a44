// The main-side handle of an import: runs dist/import-worker.cjs on a worker
// thread and turns its messages into progress callbacks and one promise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportResult } from './importFile';
import type { FromImportWorker, ImportWorkerData } from './importProtocol';

export interface ImportJobHandle {
  /** resolves with the result once committed; rejects with ImportJobError (nothing written) */
  promise: Promise<ImportResult>;
  /** asks the worker to stop; the transaction is rolled back and the promise rejects with code 'cancelled' */
  cancel(): void;
}

export class ImportJobError extends Error {
  constructor(
    message: string,
    readonly code: 'malformed' | 'io' | 'store' | 'cancelled' | 'crashed',
    /** the malformed line, for code 'malformed' */
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/** Where the bundled worker is: next to the bundle that calls this (dist/ or dist/main/). */
export function defaultWorkerFile(): string {
  const candidates = [
    path.join(__dirname, 'import-worker.cjs'),
    path.join(__dirname, '..', 'import-worker.cjs'),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found)
    throw new Error(
      `the import worker is not built (looked for ${candidates.join(', ')}); run npm run build`,
    );
  return found;
}

export function startImportJob(
  dbFile: string,
  logFile: string,
  onProgress: (p: ImportProgress) => void = () => undefined,
  options: { workerFile?: string } = {},
): ImportJobHandle {
  const data: ImportWorkerData = { dbFile: path.resolve(dbFile), logFile: path.resolve(logFile) };
  const worker = new Worker(options.workerFile ?? defaultWorkerFile(), { workerData: data });
  let settled = false;
  const promise = new Promise<ImportResult>((resolve, reject) => {
    const fail = (e: ImportJobError) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    worker.on('message', (m: FromImportWorker) => {
      switch (m.type) {
        case 'progress':
          onProgress(m.progress);
          break;
        case 'done':
          settled = true;
          resolve(m.result);
          break;
        case 'failed':
          fail(new ImportJobError(m.error.message, m.error.code, m.error.line));
          break;
        case 'cancelled':
          fail(new ImportJobError('the import was cancelled; nothing was written', 'cancelled'));
          break;
      }
    });
    worker.on('error', (e) =>
      fail(
        new ImportJobError(
          `the import worker crashed: ${e.message}; nothing was written`,
          'crashed',
        ),
      ),
    );
    worker.on('exit', (code) =>
      fail(
        new ImportJobError(
          `the import worker exited (${code}) before finishing; nothing was written`,
          'crashed',
        ),
      ),
    );
  });
  return {
    promise,
    cancel: () => {
      if (!settled) worker.postMessage({ type: 'cancel' });
    },
  };
}
