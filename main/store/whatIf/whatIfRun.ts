// One what-if job, whichever thread runs it: the worker's body
// (whatIfWorker.ts), and the fallback where no worker bundle exists. Kept apart
// from the worker's entry so that importing it never starts a job.
import type { QuotaOverride } from '../../../shared/district/whatIf';
import type { QueueRaise } from '../../../shared/district/queueWhatIf';
import { whatIfOnStoreFile } from './storedWhatIf';
import { queueWhatIfOnStoreFile } from './queueWhatIfOnStore';

export type WhatIfWorkerData =
  | { kind?: 'replay'; dbFile: string; overrides: QuotaOverride[] }
  | { kind: 'queue'; dbFile: string; raise: QueueRaise; at: string };

export function runWhatIfHere(data: WhatIfWorkerData): Promise<unknown> {
  return data.kind === 'queue'
    ? queueWhatIfOnStoreFile(data.dbFile, data.raise, data.at)
    : whatIfOnStoreFile(data.dbFile, data.overrides);
}
