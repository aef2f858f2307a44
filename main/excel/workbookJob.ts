// Reads a district workbook on a worker thread (workbookWorker.ts) with a capped
// heap and a time limit: whatever the file does to that thread, the main one keeps
// answering, and the answer is a translated issue naming the limit.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKBOOK_LIMITS, type WorkbookLimits } from '../../shared/excelImport/limits';
import type { DistrictValidation } from '../../shared/excelImport/validateWorkbook';
import type { FromWorkbookWorker, WorkbookWorkerData } from './workbookWorker';

let configuredWorker: string | null = null;

/** Tests run from sources: they bundle the worker and say where it is. */
export function useWorkbookWorker(file: string): void {
  configuredWorker = file;
}

function workerFile(): string {
  if (configuredWorker) return configuredWorker;
  const candidates = [
    path.join(__dirname, 'workbook-worker.cjs'),
    path.join(__dirname, '..', 'workbook-worker.cjs'),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found)
    throw new Error(
      `the workbook worker is not built (looked for ${candidates.join(', ')}); run npm run build`,
    );
  return found;
}

function fileIssue(
  reason: 'workbook_too_heavy' | 'unreadable_file',
  value: string | null,
): DistrictValidation {
  const issue = {
    sheet: null,
    sheetName: null,
    row: null,
    column: null,
    columnName: null,
    cell: null,
    value,
  };
  return { ok: false, errors: [{ ...issue, reason }], warnings: [] };
}

export function readWorkbookOffThread(
  bytes: Buffer,
  limits: WorkbookLimits = { ...WORKBOOK_LIMITS },
): Promise<DistrictValidation> {
  const data: WorkbookWorkerData = { bytes, limits };
  const worker = new Worker(workerFile(), {
    workerData: data,
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxHeapMb,
      maxYoungGenerationSizeMb: 32,
      stackSizeMb: 4,
    },
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (v: DistrictValidation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(v);
    };
    const timer = setTimeout(
      () => settle(fileIssue('workbook_too_heavy', `> ${limits.maxMs / 1000} s`)),
      limits.maxMs,
    );
    worker.on('message', (m: FromWorkbookWorker) => {
      settle(m.type === 'done' ? m.validation : fileIssue('unreadable_file', null));
    });
    worker.on('error', (e) => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(
        oom
          ? fileIssue('workbook_too_heavy', `> ${limits.maxHeapMb} MB`)
          : fileIssue('unreadable_file', null),
      );
    });
    worker.on('exit', () => settle(fileIssue('workbook_too_heavy', null)));
  });
}
