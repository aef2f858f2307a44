// Maps main/store's API onto the StorePort the services use, and gives the shells
// their StoreFactory: open a store file, build the demo when missing.
import type { StoreKind } from '../../shared/ipc/contract';
import path from 'node:path';
import {
  ChainAnchor,
  plainCodec,
  safeStorageCodec,
  type SafeStorageLike,
} from '../store/chainAnchor';
import {
  openStore,
  resolveDataDir,
  runQueueWhatIf,
  runWhatIf,
  startImportJob,
  UserExistsError,
  type Store,
} from '../store';
import { ImportJobError } from '../store/importJob';
import { ServiceError } from '../services/errors';
import { SETTING } from '../services/settings';
import type { ImportOutcome, ImportProgress, StorePort, StoredUser } from '../services/storePort';
import type { StoreFactory } from './kabylApp';
import { DesktopSync } from '../sync/desktopSync';
import { FileTokenVault, type TokenVault } from '../sync/tokenVault';

export interface StoreFactoryOptions {
  /** the bundled import worker; default: found beside the running bundle (dist/) */
  importWorkerFile?: string;
  /** the what-if worker bundle (default: beside the calling bundle; none found: the what-if runs in this thread) */
  whatIfWorkerFile?: string | null;
  /** where committed chain heads are recorded outside the store files (docs/security.md) */
  anchor?: ChainAnchor;
  /** where a real district's device token is kept (default: a 0600 file beside the store) */
  tokenVault?: TokenVault;
}

export function adaptStore(
  store: Store,
  kind: StoreKind,
  options: StoreFactoryOptions = {},
  sync: DesktopSync | null = null,
): StorePort {
  return {
    kind,
    file: store.file,
    getSetting: (key) => store.settings.get(key),
    setSetting: (key, value) => store.settings.set(key, value),
    settingsWithPrefix: (prefix) => store.settings.withPrefix(prefix),
    async findUser(username) {
      const u = await store.users.findByUsername(username);
      return u ? toStoredUser(u) : null;
    },
    async setPasswordHash(userId, passwordHash) {
      await store.users.setPasswordHash(Number(userId), passwordHash);
    },
    async addUser(user) {
      try {
        return toStoredUser(await store.users.create(user));
      } catch (e) {
        if (e instanceof UserExistsError) throw new ServiceError('invalid_request', e.message);
        throw e;
      }
    },
    async campaign() {
      const c = await store.campaign();
      return (
        c && {
          year: c.year,
          stage1Start: c.stage1Start,
          stage2Start: c.stage2Start,
          stage2End: c.stage2End,
          documentsStart: c.documentsStart,
          documentsEnd: c.documentsEnd,
          waitlist: c.data.waitlist === true,
        }
      );
    },
    eventCount: () => store.eventCount(),
    lastEventAt: async () => (await store.head()).at,
    async schools(schoolId) {
      return (await store.schools(schoolId)).map((s) => ({
        schoolId: s.id,
        name: s.name,
        kind: s.kind,
        districtId: s.districtId,
      }));
    },
    async streams(schoolId) {
      return (await store.streams(schoolId)).map((s) => ({
        schoolId: s.schoolId,
        language: s.language,
        quota: s.quota,
        occupied: s.occupied,
      }));
    },
    statusCounts: (schoolId) => store.statusCounts(schoolId),
    openCases: () => store.openCases(),
    async verify() {
      const { events, mismatches } = await store.verifyProjections();
      return {
        ok: mismatches.length === 0,
        events,
        differences: mismatches.map(
          (m) =>
            `${m.table} ${m.key}: ${m.problem}${m.columns ? ` (${m.columns.join(', ')})` : ''}`,
        ),
      };
    },
    rebuild: () => store.rebuildProjections(),
    append: (events) => store.append(events),
    engine: () => store.engine(),
    whatIf: (overrides) =>
      runWhatIf(store.file, overrides, { workerFile: options.whatIfWorkerFile }),
    queueWhatIf: (raise, at) =>
      runQueueWhatIf(store.file, raise, at, { workerFile: options.whatIfWorkerFile }),
    reads: store,
    importFile: (path, onProgress) =>
      importOffThread(store, path, onProgress, options.importWorkerFile),
    sync,
    async close() {
      await sync?.stop();
      await store.close();
    },
  };
}

function toStoredUser(u: {
  id: number;
  username: string;
  displayName: string;
  role: StoredUser['role'];
  schoolId: string | null;
  passwordHash: string;
}): StoredUser {
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    schoolId: u.schoolId,
    passwordHash: u.passwordHash,
  };
}

/** The store's worker does the import; a malformed file comes back as an outcome naming the line. */
async function importOffThread(
  store: Store,
  path: string,
  onProgress: (p: ImportProgress) => void,
  workerFile?: string,
): Promise<ImportOutcome> {
  let last: ImportProgress = {
    bytesRead: 0,
    totalBytes: 0,
    linesRead: 0,
    eventsAdded: 0,
    duplicates: 0,
  };
  const job = startImportJob(
    store.file,
    path,
    (p) => {
      last = p;
      onProgress(p);
    },
    workerFile ? { workerFile } : {},
  );
  try {
    const r = await job.promise;
    // The worker committed on its own connection: record the head it left, as the writer does after its commits.
    await store.recordHead();
    return {
      bytesRead: r.bytesRead,
      totalBytes: r.totalBytes,
      linesRead: r.linesRead,
      eventsAdded: r.eventsAdded,
      duplicates: r.duplicates,
      error: null,
    };
  } catch (e) {
    if (!(e instanceof ImportJobError)) throw e;
    // Nothing was written: report the counts as zero, with the reason.
    return { ...last, eventsAdded: 0, duplicates: 0, error: { line: e.line, message: e.message } };
  }
}

/**
 * The record of chain heads for the stores in `dataDir`: encrypted with safeStorage
 * where Electron offers it, else a 0600 file (weaker: docs/security.md).
 */
export function chainAnchorIn(dataDir: string, safeStorage?: SafeStorageLike): ChainAnchor {
  const codec = safeStorage?.isEncryptionAvailable() ? safeStorageCodec(safeStorage) : plainCodec;
  return new ChainAnchor(path.join(dataDir, 'chain-heads'), codec);
}

/** The device token's vault: encrypted with safeStorage where Electron offers it, else a 0600 file (docs/security.md). */
export function tokenVaultIn(dataDir: string, safeStorage?: SafeStorageLike): TokenVault {
  const codec = safeStorage?.isEncryptionAvailable() ? safeStorageCodec(safeStorage) : plainCodec;
  return new FileTokenVault(path.join(dataDir, 'sync'), codec);
}

export function defaultDataDir(electronUserData?: string): string {
  return resolveDataDir(electronUserData);
}

export function createStoreFactory(options: StoreFactoryOptions = {}): StoreFactory {
  return {
    open: (kind, file) => openPort(kind, file, options),
    // Loaded on demand: the generator is only needed the first time the demo opens.
    ensureDemo: async (dataDir) => (await import('../demo/demoStore')).ensureDemoStore(dataDir),
  };
}

export const storeFactory = createStoreFactory();

async function openPort(
  kind: StoreKind,
  file: string,
  options: StoreFactoryOptions,
): Promise<StorePort> {
  // warm: the engine is restored (from its snapshot, when one checks out) while the
  // officer signs in, so the first write does not wait for it.
  const store = await openStore({
    file,
    warm: true,
    ...(options.anchor ? { anchor: options.anchor } : {}),
  });
  // Trust on first use: a store with no record gets one now; one with a record has it
  // extended only if the file still holds the recorded head (Store.recordHead).
  await store.recordHead();
  const vault =
    options.tokenVault ?? new FileTokenVault(path.join(path.dirname(file), 'sync'), plainCodec);
  const sync = kind === 'real' ? await DesktopSync.open(store, vault) : null;
  const port = adaptStore(store, kind, options, sync);
  // The demo builder marks the demo; a real district store is marked real when first opened.
  // A file marked otherwise than asked is refused: demo data never opens as a district's.
  const marked = await port.getSetting(SETTING.kind);
  if (marked === null && kind === 'real') await port.setSetting(SETTING.kind, 'real');
  else if (marked !== kind) {
    await port.close();
    throw new Error(`${file} is marked ${marked ?? 'unmarked'}, not ${kind}: refusing to open it`);
  }
  return port;
}
