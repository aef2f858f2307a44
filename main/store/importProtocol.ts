// Messages between startImportJob (main) and the import worker. See docs/store.md.
import type { ImportProgress, ImportResult } from './importFile';

export interface ImportWorkerData {
  dbFile: string;
  logFile: string;
}

/** main -> worker */
export type ToImportWorker = { type: 'cancel' };

/** worker -> main; exactly one of done / failed / cancelled ends a job */
export type FromImportWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; result: ImportResult }
  | {
      type: 'failed';
      error: { message: string; line: number | null; code: 'malformed' | 'io' | 'store' };
    }
  | { type: 'cancelled' };
