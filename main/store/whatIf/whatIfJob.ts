// The main-side handle of a what-if: runs dist/what-if-worker.cjs on a worker
// thread. Where no bundle is next to the caller (unit tests run the TypeScript),
// the same function runs on this thread instead: the same answer, only not off
// the main thread.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QuotaOverride } from '../../../shared/district/whatIf';
import type { QueueRaise } from '../../../shared/district/queueWhatIf';
import type { StoredWhatIf } from './storedWhatIf';
import type { StoredQueueWhatIf } from './queueWhatIfOnStore';
import { runWhatIfHere, type WhatIfWorkerData } from './whatIfRun';

export function whatIfWorkerFile(): string | null {
  const candidates = [
    path.join(__dirname, 'what-if-worker.cjs'),
    path.join(__dirname, '..', 'what-if-worker.cjs'),
  ];
  return candidates.find((f) => existsSync(f)) ?? null;
}

interface JobOptions {
  workerFile?: string | null;
}

export function runWhatIf(
  dbFile: string,
  overrides: QuotaOverride[],
  options: JobOptions = {},
): Promise<StoredWhatIf> {
  return runJob<StoredWhatIf>({ kind: 'replay', dbFile: path.resolve(dbFile), overrides }, options);
}

/** Who a quota raise stamped `at` would place from the queues (R16). */
export function runQueueWhatIf(
  dbFile: string,
  raise: QueueRaise,
  at: string,
  options: JobOptions = {},
): Promise<StoredQueueWhatIf> {
  return runJob<StoredQueueWhatIf>(
    { kind: 'queue', dbFile: path.resolve(dbFile), raise, at },
    options,
  );
}

function runJob<T>(data: WhatIfWorkerData, options: JobOptions): Promise<T> {
  const workerFile = options.workerFile === undefined ? whatIfWorkerFile() : options.workerFile;
  if (workerFile === null) return runWhatIfHere(data) as Promise<T>;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: data });
    let settled = false;
    worker.once('message', (m: { ok: true; value: T } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.value);
      else reject(new Error(`what-if: ${m.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) (settled = true), reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled)
        (settled = true), reject(new Error(`the what-if worker stopped (exit ${code})`));
    });
  });
}
