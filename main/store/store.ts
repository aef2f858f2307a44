// The local store of one district (or the demo): the campaign log as it came,
// and the projections the engine makes of it, in one SQLite file.
import type { DataSource } from 'typeorm';
import type { Engine } from '../../shared/engine/engine';
import { type LogEvent, validateEvent } from '../../shared/log/events';
import { SchemaError } from '../../shared/log/check';
import { LogError } from '../../shared/log/parseLine';
import { Settings, Users } from './accounts';
import { AnchorUnreadableError, type ChainAnchor, type RecordedHead } from './chainAnchor';
import {
  type ChainCheck,
  type Mismatch,
  rebuildProjections,
  verifyChain,
  verifyProjections,
} from './check';
import { openDataSource } from './dataSource';
import { type ImportOptions, type ImportResult, importLogFile } from './importFile';
import { type EventOutcome, LogWriter, type RestoredFrom } from './log/logWriter';
import { StoreQueries } from './queries';
import { Connection } from './sql/connection';
import { restamp, SyncLog } from './sync/syncLog';

/** 64 MiB: enough for the indexes of a republic-sized import to stay in memory until commit */
const WRITER_CACHE_KIB = 64 * 1024;

export interface OpenStoreOptions {
  file: string;
  /** how long a write waits for another process's transaction (ms); default 30 s */
  busyTimeoutMs?: number;
  /** restore the engine in memory right away, in the background (default false: on the first write or warmUp()) */
  warm?: boolean;
  /**
   * Persist the engine beside the store once it is this many events past the
   * last snapshot (checked after an import, a rebuild and on close); default
   * 20,000. `false`: never write or read one.
   */
  snapshotEvery?: number | false;
  /** where committed chain heads are recorded outside the file (the app's stores; the CLI uses none) */
  anchor?: ChainAnchor;
}

/** Below this many new events a replay costs less than writing the snapshot (~0.1 s). */
const SNAPSHOT_EVERY = 20_000;

export interface AppendResult {
  outcomes: EventOutcome[];
  added: number;
  duplicates: number;
}

export interface AppendOptions {
  /** the exact text of each event (as received), stored and hashed; default JSON.stringify(event) */
  bodies?: string[];
}

export class Store extends StoreQueries {
  readonly users: Users;
  readonly settings: Settings;
  /** sync with the central server: the pending queue, rebase, conflicts (main/store/sync) */
  readonly sync: SyncLog;
  private readonly writer: LogWriter;
  private closed = false;

  private constructor(
    readonly file: string,
    /** reads, users, settings, migrations */
    readonly dataSource: DataSource,
    /** the log writer's own connection: its open transaction is never visible to readers */
    private readonly writerSource: DataSource,
    snapshotEvery: number | false,
    private readonly anchor: ChainAnchor | null = null,
  ) {
    super(dataSource);
    // The writer's connection stays in node-sqlite3's parallel mode: queued batch
    // statements then run back to back in SQLite's thread. Nothing relies on their
    // order; the writer awaits BEGIN, index changes and COMMIT on their own.
    const snapshots =
      snapshotEvery === false ? null : { storeFile: file, every: Math.max(1, snapshotEvery) };
    this.writer = new LogWriter(Connection.of(writerSource), snapshots);
    if (anchor) this.writer.onCommit = (head, conn) => this.recordHead(head, conn);
    this.users = new Users(dataSource);
    this.settings = new Settings(dataSource);
    this.sync = new SyncLog(this.writer, Connection.of(dataSource), snapshots ? file : null);
  }

  static async open(options: OpenStoreOptions): Promise<Store> {
    const ds = await openDataSource({
      file: options.file,
      migrate: true,
      busyTimeoutMs: options.busyTimeoutMs,
    });
    let writerDs: DataSource;
    try {
      writerDs = await openDataSource({
        file: options.file,
        migrate: false,
        busyTimeoutMs: options.busyTimeoutMs,
        cacheKiB: WRITER_CACHE_KIB,
      });
    } catch (e) {
      await ds.destroy();
      throw e;
    }
    const store = new Store(
      options.file,
      ds,
      writerDs,
      options.snapshotEvery ?? SNAPSHOT_EVERY,
      options.anchor ?? null,
    );
    if (options.warm) store.warmUp().catch(() => undefined);
    return store;
  }

  /** Brings the in-memory engine up to the stored log (writes do it themselves when needed). */
  warmUp(): Promise<void> {
    return this.writer.warmUp();
  }

  /**
   * Appends events (validated, judged by the engine, already-known ids skipped)
   * and their projection changes in one transaction. A malformed event throws a
   * LogError naming it ("event N: ...") and nothing is written.
   */
  async append(events: readonly LogEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const checked = events.map((e, i) => {
      try {
        return validateEvent(e);
      } catch (err) {
        if (err instanceof SchemaError) throw new LogError(`event ${i + 1}: ${err.describe()}`);
        throw err;
      }
    });
    if (options.bodies && options.bodies.length !== events.length)
      throw new RangeError('bodies: one per event');
    // A stored event is one line of the log (the writer also relies on it).
    options.bodies?.forEach((b, i) => {
      if (b.includes('\n')) throw new LogError(`event ${i + 1}: its text spans more than one line`);
    });
    return this.writer.transaction(async (tx) => {
      // On a connected store every local decision is pending until the server confirms it.
      const connected = await this.sync.beforeAppend(tx);
      // A pull may have brought server events later than an action's time while
      // it was being decided: on a connected store the action takes the log's time.
      const events =
        connected && !options.bodies ? checked.map((e) => restamp(e, tx.engine)) : checked;
      const outcomes: EventOutcome[] = [];
      events.forEach((event, i) => {
        try {
          outcomes.push(tx.add(event, options.bodies?.[i] ?? JSON.stringify(event)));
        } catch (err) {
          if (err instanceof LogError) throw new LogError(`event ${i + 1}: ${err.message}`);
          throw err;
        }
      });
      if (connected) {
        const recorded = events
          .map((event, i) => ({ id: event.id, body: options.bodies?.[i] ?? JSON.stringify(event) }))
          .filter((_, i) => outcomes[i].outcome === 'applied');
        await this.sync.recordPending(tx, recorded);
      }
      return { outcomes, added: tx.added, duplicates: tx.duplicates };
    });
  }

  /** Imports a .jsonl log in this thread (the CLI, the import worker). The UI uses startImportJob. */
  async importFile(path: string, options?: ImportOptions): Promise<ImportResult> {
    const result = await importLogFile(this.writer, path, options);
    // The engine that judged the import is the whole log's fold: persisting it
    // now spares the next start (the app's, after the import worker) a replay.
    await this.saveSnapshot();
    return result;
  }

  /**
   * Persists the in-memory engine beside the store when it is far enough past
   * the last snapshot (`force`: when it is past it at all). A failure to write
   * it costs only a slower next start, so it is not an error of the write.
   */
  async saveSnapshot(force = false): Promise<boolean> {
    try {
      return await this.writer.saveSnapshot(force);
    } catch {
      return false;
    }
  }

  /** How the engine was last restored: from the snapshot (and how many events after it) or by a replay, and why. */
  get lastRestore(): RestoredFrom | null {
    return this.writer.lastRestore;
  }

  /** The engine after the last write, for dry runs (`evaluate`); restored first if needed. Do not mutate it. */
  async engine(): Promise<Engine> {
    await this.warmUp();
    return this.writer.currentEngine()!;
  }

  /** Compares every projection row with a fresh replay of the stored events; [] when all agree. */
  async verifyProjections(): Promise<{ events: number; mismatches: Mismatch[] }> {
    return this.withSnapshot((conn) => verifyProjections(conn));
  }

  /** Rewrites every projection row from a replay of the stored events, in one transaction. */
  rebuildProjections(): Promise<{ events: number }> {
    return this.writer
      .rebuild(async (conn) => {
        const r = await rebuildProjections(conn);
        return { result: { events: r.head.seq }, engine: r.engine, head: r.head };
      })
      .then(async (r) => {
        await this.saveSnapshot();
        return r;
      });
  }

  /**
   * Walks the hash chain; `brokenAt` is the first event changed, or following a deleted
   * one; with an anchor, also against the heads recorded outside the file.
   */
  async verifyChain(): Promise<ChainCheck> {
    const protection = this.anchor?.protection ?? null;
    let recorded: RecordedHead[] | null = null;
    let unreadable = false;
    try {
      recorded = this.anchor ? this.anchor.read(this.file) : null;
    } catch (e) {
      if (!(e instanceof AnchorUnreadableError)) throw e;
      unreadable = true;
    }
    const check = await this.withSnapshot((conn) => verifyChain(conn, recorded));
    return {
      ...check,
      anchor: unreadable ? 'unreadable' : check.anchor,
      anchorProtection: protection,
    };
  }

  /**
   * Records the store's head outside the file, if the chain still holds the last
   * head recorded there: a rewritten file never gets its rewrite recorded as good.
   * The import worker commits on a connection of its own; the app calls this after it.
   */
  async recordHead(
    head?: { seq: number; hash: string },
    conn: Connection = Connection.of(this.dataSource),
  ): Promise<void> {
    if (!this.anchor) return;
    try {
      let now =
        head ??
        (await conn.get<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM log_head WHERE id = 1',
        ));
      // On a connected store the pending suffix may be rewound and rewritten by
      // a rebase: only the server's prefix is history that never changes.
      const sync = await conn.get<{ prefix: number }>(
        'SELECT prefix_seq AS prefix FROM sync_state WHERE id = 1',
      );
      if (sync && now && sync.prefix < now.seq) {
        now = await conn.get<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM event WHERE seq = ?',
          [sync.prefix],
        );
      }
      if (!now || now.seq === 0) return;
      const last = this.anchor.read(this.file).at(-1);
      if (last) {
        const stored = await conn.get<{ hash: string }>('SELECT hash FROM event WHERE seq = ?', [
          last.seq,
        ]);
        if (stored?.hash !== last.hash) return;
      }
      this.anchor.record(this.file, now);
    } catch (e) {
      // The commit stands; verify reports a record that lags, or cannot be read.
      console.warn(
        `kabyl: the chain head was not recorded outside the store: ${(e as Error).message}`,
      );
    }
  }

  /**
   * Runs read-only work on a connection of its own inside one read transaction:
   * a consistent view of the file however long it takes, while writes go on.
   */
  private async withSnapshot<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    const ds = await openDataSource({ file: this.file, migrate: false });
    const conn = Connection.of(ds);
    try {
      await conn.run('BEGIN');
      try {
        return await fn(conn);
      } finally {
        await conn.run('ROLLBACK').catch(() => undefined);
      }
    } finally {
      await ds.destroy();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.saveSnapshot();
    await this.writer.exclusive(async () => undefined);
    await this.writerSource.destroy();
    await this.dataSource.destroy();
  }
}

export function openStore(options: OpenStoreOptions): Promise<Store> {
  return Store.open(options);
}
