// The what-if worker (dist/what-if-worker.cjs): replays one store's log with
// other quotas (storedWhatIf.ts), or folds a quota raise into the log as it
// stands to see who leaves the queues (queueWhatIfOnStore.ts), on its own
// thread, so the window and every other call stay answered while it runs.
import { parentPort, workerData } from 'node:worker_threads';
import type { QuotaOverride } from '../../../shared/district/whatIf';
import type { QueueRaise } from '../../../shared/district/queueWhatIf';
import { whatIfOnStoreFile } from './storedWhatIf';
import { queueWhatIfOnStoreFile } from './queueWhatIfOnStore';

export type WhatIfWorkerData =
  | { kind?: 'replay'; dbFile: string; overrides: QuotaOverride[] }
  | { kind: 'queue'; dbFile: string; raise: QueueRaise; at: string };

/** Runs one what-if on this thread: the worker's body, and the fallback where no bundle exists. */
export function runWhatIfHere(data: WhatIfWorkerData): Promise<unknown> {
  return data.kind === 'queue'
    ? queueWhatIfOnStoreFile(data.dbFile, data.raise, data.at)
    : whatIfOnStoreFile(data.dbFile, data.overrides);
}

if (parentPort) {
  runWhatIfHere(workerData as WhatIfWorkerData).then(
    (r) => parentPort!.postMessage({ ok: true, value: r }),
    (e) => parentPort!.postMessage({ ok: false, message: String((e as Error)?.message ?? e) }),
  );
}
