// The workbook worker (dist/workbook-worker.cjs): checks a district workbook
// against WORKBOOK_LIMITS and reads it with exceljs, on a thread of its own with a
// capped heap, so a hostile file costs this thread, never the app's main one.
import { parentPort, workerData } from 'node:worker_threads';
import type { DistrictValidation } from '../../shared/excelImport/validateWorkbook';
import type { WorkbookLimits } from '../../shared/excelImport/limits';
import { readDistrictWorkbook } from './readDistrictWorkbook';
import { checkWorkbookZip, WorkbookLimitError, ZipFormatError } from './zipLimits';

export interface WorkbookWorkerData {
  bytes: Uint8Array;
  limits: WorkbookLimits;
}

export type FromWorkbookWorker =
  { type: 'done'; validation: DistrictValidation } | { type: 'failed'; message: string };

function fileIssue(reason: string, value: string | null): DistrictValidation {
  const issue = {
    sheet: null,
    sheetName: null,
    row: null,
    column: null,
    columnName: null,
    cell: null,
    value,
  };
  return { ok: false, errors: [{ ...issue, reason: reason as 'unreadable_file' }], warnings: [] };
}

async function run(data: WorkbookWorkerData): Promise<DistrictValidation> {
  const bytes = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  try {
    checkWorkbookZip(bytes, data.limits);
  } catch (e) {
    if (e instanceof WorkbookLimitError) return fileIssue(e.reason, e.value);
    if (e instanceof ZipFormatError) return fileIssue('unreadable_file', null);
    throw e;
  }
  return readDistrictWorkbook(bytes);
}

if (parentPort) {
  run(workerData as WorkbookWorkerData).then(
    (validation) =>
      parentPort!.postMessage({ type: 'done', validation } satisfies FromWorkbookWorker),
    (e) =>
      parentPort!.postMessage({
        type: 'failed',
        message: String((e as Error)?.message ?? e),
      } satisfies FromWorkbookWorker),
  );
}
