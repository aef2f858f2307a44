// What the services may ask of the running app: its shell's capabilities, the data
// folder, the open-store switch, and the per-app state of the features (jobs,
// uploads): explicit fields, never module-level maps, so close() can wait for it.
// main/app/kabylApp.ts implements it; services depend on this interface only, so
// the assembly (which imports every service through the handler map) is never
// imported back by a service.
import type { StoreKind } from '../../shared/ipc/contract';
import type { Sessions } from '../auth/session';
import type { SignInThrottle } from '../auth/throttle';
import type { AttachmentUploads } from './attachments/attachmentUploads';
import type { WorkbookUploads } from './excelImport/workbookUploads';
import type { KeyedLock } from './keyedLock';
import type { ImportFiles } from './logImport/files';
import type { ImportJobs } from './logImport/jobs';
import type { ReportJobs } from './reports/reportJobs';
import type { StorePort } from './storePort';

/** What the shell (Electron or the harness) provides beyond transport. */
export interface ShellCapabilities {
  shell: 'electron' | 'harness';
  version: string;
  electronVersion?: string | null;
  /** Electron's native open dialog; absent in the harness (the page uploads instead) */
  chooseFile?: () => Promise<string | null>;
  canPrintToPdf?: boolean;
  /** Electron: save the window of the caller (its session's callerId) as an A4 PDF; absent in the harness */
  printToPdf?: (callerId: string, suggestedName: string) => Promise<{ saved: boolean }>;
}

export interface AppPort {
  readonly options: Readonly<ShellCapabilities>;
  readonly dataDir: string;
  /** the store the user chose (demo or real), null until the first-start choice */
  readonly chosen: StoreKind | null;
  /** .jsonl log imports (one at a time) and the files picked or uploaded for them */
  readonly imports: ImportJobs;
  readonly files: ImportFiles;
  /** report exports building or built under <dataDir>/exports */
  readonly reportJobs: ReportJobs;
  /** district workbooks uploaded for excelImport.preview/confirm */
  readonly workbookUploads: WorkbookUploads;
  /** attachment scans arriving chunk by chunk, bounded per caller and in all */
  readonly attachmentUploads: AttachmentUploads;
  /** every caller's session: sign-in, sign-out everywhere, expiry */
  readonly sessions: Sessions;
  /** sign-in backoff per username and per caller */
  readonly throttle: SignInThrottle;
  /** per-key serialisation of read-modify-writes (a subject's attachment list) */
  readonly locks: KeyedLock;
  storePath(kind: StoreKind): string;
  realExists(): boolean;
  /** Close the open store, open `kind` (building the demo if needed), remember the choice. */
  useStore(kind: StoreKind, prepare?: (store: StorePort) => Promise<void>): Promise<StorePort>;
}
