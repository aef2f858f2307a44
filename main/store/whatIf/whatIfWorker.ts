// The what-if worker (dist/what-if-worker.cjs): replays one store's log with
// other quotas (storedWhatIf.ts), or folds a quota raise into the log as it
// stands to see who leaves the queues (queueWhatIfOnStore.ts), on its own
// thread, so the window and every other call stay answered while it runs.
import { parentPort, workerData } from 'node:worker_threads';
import { runWhatIfHere, type WhatIfWorkerData } from './whatIfRun';

export type { WhatIfWorkerData } from './whatIfRun';

if (parentPort) {
  runWhatIfHere(workerData as WhatIfWorkerData).then(
    (r) => parentPort!.postMessage({ ok: true, value: r }),
    (e) => parentPort!.postMessage({ ok: false, message: String((e as Error)?.message ?? e) }),
  );
}
