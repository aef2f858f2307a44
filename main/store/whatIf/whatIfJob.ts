// The main-side handle of a what-if: runs dist/what-if-worker.cjs on a worker
// thread. Where no bundle is next to the caller (unit tests run the TypeScript),
// the same function runs on this thread instead: the same answer, only not off
// the main thread.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QuotaOverride } from '../../../shared/district/whatIf';
import { type StoredWhatIf, whatIfOnStoreFile } from './storedWhatIf';
import type { WhatIfWorkerData } from './whatIfWorker';

export function whatIfWorkerFile(): string | null {
  const candidates = [path.join(__dirname, 'what-if-worker.cjs'), path.join(__dirname, '..', 'what-if-worker.cjs')];
  return candidates.find((f) => existsSync(f)) ?? null;
}

export function runWhatIf(
  dbFile: string,
  overrides: QuotaOverride[],
  options: { workerFile?: string | null } = {},
): Promise<StoredWhatIf> {
  const workerFile = options.workerFile === undefined ? whatIfWorkerFile() : options.workerFile;
  if (workerFile === null) return whatIfOnStoreFile(dbFile, overrides);
  const data: WhatIfWorkerData = { dbFile: path.resolve(dbFile), overrides };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: data });
    let settled = false;
    worker.once('message', (m: { ok: true; value: StoredWhatIf } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.value);
      else reject(new Error(`what-if: ${m.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the what-if worker stopped (exit ${code})`));
    });
  });
}
