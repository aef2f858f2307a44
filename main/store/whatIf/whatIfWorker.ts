// The what-if worker (dist/what-if-worker.cjs): replays one store's log with
// other quotas on its own thread, so the window and every other call stay
// answered while it runs (see storedWhatIf.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { QuotaOverride } from '../../../shared/district/whatIf';
import { whatIfOnStoreFile } from './storedWhatIf';

export interface WhatIfWorkerData {
  dbFile: string;
  overrides: QuotaOverride[];
}

if (parentPort) {
  const data = workerData as WhatIfWorkerData;
  whatIfOnStoreFile(data.dbFile, data.overrides).then(
    (r) => parentPort!.postMessage({ ok: true, value: r }),
    (e) => parentPort!.postMessage({ ok: false, message: String((e as Error)?.message ?? e) }),
  );
}
