// The main-process application, the same under Electron and under the harness: the
// open store, the callers' sessions, import jobs, and the dispatcher over the one
// handler map. The shells only add transport (ipcMain or HTTP) and native dialogs.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { StoreKind } from '../../shared/ipc/contract';
import { actorOf, DEFAULT_SESSION_POLICY, Sessions, type SessionPolicy } from '../auth/session';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottlePolicy } from '../auth/throttle';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import type { AppPort, ShellCapabilities } from '../services/appPort';
import { ServiceError } from '../services/errors';
import type { ServiceContext } from '../services/context';
import { ImportFiles } from '../services/logImport/files';
import { ImportJobs } from '../services/logImport/jobs';
import { AttachmentUploads } from '../services/attachments/attachmentUploads';
import type { WorkbookUploads } from '../services/excelImport/workbookUploads';
import { ReportJobs } from '../services/reports/reportJobs';
import type { StorePort } from '../services/storePort';
import { readChoice, writeChoice } from './appChoice';
import { KeyedLock } from '../services/keyedLock';
import { UPLOAD_SWEEP_MS } from '../services/uploadLimits';

export const STORE_FILES: Record<StoreKind, string> = {
  demo: 'demo.sqlite',
  real: 'district.sqlite',
};

export interface StoreFactory {
  /** open a store file, creating it (schema migrated) when missing */
  open(kind: StoreKind, file: string): Promise<StorePort>;
  /** make sure the demo store exists, complete; returns its path */
  ensureDemo(dataDir: string): Promise<string>;
}

export interface AppOptions extends ShellCapabilities {
  dataDir: string;
  stores: StoreFactory;
  onInternalError?: (channel: string, error: unknown) => void;
  /** the clock of sessions, sign-in backoff and upload expiry (ms); injected by tests */
  now?: () => number;
  sessionPolicy?: SessionPolicy;
  throttlePolicy?: ThrottlePolicy;
}

/** 'ask': open what the first-start choice says, or nothing until the user chooses. */
export type StartWith = StoreKind | 'ask';

export class KabylApp implements AppPort {
  readonly sessions: Sessions;
  readonly throttle: SignInThrottle;
  readonly imports = new ImportJobs();
  readonly files: ImportFiles;
  readonly reportJobs: ReportJobs;
  readonly workbookUploads: WorkbookUploads = new Map();
  readonly attachmentUploads: AttachmentUploads;
  /** per-key serialisation of read-modify-writes (a subject's attachment list) */
  readonly locks = new KeyedLock();
  readonly dispatch: Dispatch;
  private sweeper: NodeJS.Timeout | null = null;
  store: StorePort | null = null;
  chosen: StoreKind | null = null;
  /** serialises store switches against each other */
  private switching: Promise<unknown> = Promise.resolve();

  private constructor(readonly options: AppOptions) {
    const now = options.now ?? Date.now;
    this.sessions = new Sessions(now, options.sessionPolicy ?? DEFAULT_SESSION_POLICY);
    this.throttle = new SignInThrottle(now, options.throttlePolicy ?? DEFAULT_THROTTLE);
    this.files = new ImportFiles(path.join(options.dataDir, 'imports'), now);
    this.attachmentUploads = new AttachmentUploads(now);
    this.reportJobs = new ReportJobs(path.join(options.dataDir, 'exports'));
    const inner = createDispatcher<ServiceContext>(
      handlers,
      (session) => ({ app: this, store: this.store, session, actor: actorOf(session.user) }),
      { onInternalError: options.onInternalError },
    );
    // Every call first ends an idle or expired session, whichever shell it came from.
    this.dispatch = (channel, request, session) =>
      inner(channel, request, this.sessions.touch(session));
  }

  static async start(options: AppOptions, startWith: StartWith): Promise<KabylApp> {
    const app = new KabylApp(options);
    await app.files.sweep();
    await removeTempFiles(path.join(options.dataDir, 'attachments'));
    app.sweeper = setInterval(() => void app.sweepUploads(), UPLOAD_SWEEP_MS);
    app.sweeper.unref();
    const kind = startWith === 'ask' ? await readChoice(options.dataDir) : startWith;
    if (kind === 'demo' || (kind === 'real' && app.realExists())) await app.useStore(kind);
    return app;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  storePath(kind: StoreKind): string {
    return path.join(this.options.dataDir, STORE_FILES[kind]);
  }

  realExists(): boolean {
    return existsSync(this.storePath('real'));
  }

  /** Close the open store, open `kind` (building the demo if needed), remember the choice. */
  useStore(kind: StoreKind, prepare?: (store: StorePort) => Promise<void>): Promise<StorePort> {
    const next = this.switching.then(async () => {
      if (this.imports.running())
        throw new ServiceError('unavailable', 'an import is running; wait for it to finish');
      if (this.reportJobs.running())
        throw new ServiceError('unavailable', 'a report export is running; wait for it to finish');
      const file =
        kind === 'demo' ? await this.options.stores.ensureDemo(this.dataDir) : this.storePath(kind);
      const opened = await this.options.stores.open(kind, file);
      try {
        if (prepare) await prepare(opened);
      } catch (e) {
        await opened.close();
        throw e;
      }
      const previous = this.store;
      this.store = opened;
      this.chosen = kind;
      this.sessions.signOutAll();
      await previous?.close();
      await writeChoice(this.dataDir, kind);
      return opened;
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  /** Drops abandoned uploads (also run on a timer). */
  async sweepUploads(): Promise<{ attachments: number; logs: number }> {
    return {
      attachments: this.attachmentUploads.sweep(),
      logs: await this.files.sweepExpired().catch(() => 0),
    };
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.attachmentUploads.clear();
    await this.switching;
    // Jobs read the open store: let them finish before it closes under them.
    await Promise.all([this.imports.settle(), this.reportJobs.settle()]);
    await this.store?.close();
    this.store = null;
    await this.files.clear();
    this.workbookUploads.clear();
    this.attachmentUploads.clear();
  }
}

/** Half-written attachment files (`<hash>.<uuid>.tmp`) left by a run that was killed mid-write. */
async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })),
  );
}
