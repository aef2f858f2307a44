// The local store of one district (or the demo): the campaign log as it came,
// and the projections the engine makes of it, in one SQLite file.
import type { DataSource } from 'typeorm';
import type { Engine } from '../../shared/engine/engine';
import { type LogEvent, validateEvent } from '../../shared/log/events';
import { SchemaError } from '../../shared/log/check';
import { LogError } from '../../shared/log/parseLine';
import { Settings, Users } from './accounts';
import { AnchorUnreadableError, type ChainAnchor, type RecordedHead } from './chainAnchor';
import { type ChainCheck, type Mismatch, rebuildProjections, verifyChain, verifyProjections } from './check';
import { openDataSource } from './dataSource';
import { type ImportOptions, type ImportResult, importLogFile } from './importFile';
import { type EventOutcome, LogWriter } from './log/logWriter';
import { StoreQueries } from './queries';
import { Connection } from './sql/connection';

/** 64 MiB: enough for the indexes of a republic-sized import to stay in memory until commit */
const WRITER_CACHE_KIB = 64 * 1024;

export interface OpenStoreOptions {
  file: string;
  /** how long a write waits for another process's transaction (ms); default 30 s */
  busyTimeoutMs?: number;
  /** restore the engine in memory right away, in the background (default false: on the first write or warmUp()) */
  warm?: boolean;
  /** where committed chain heads are recorded outside the file (the app's stores; the CLI uses none) */
  anchor?: ChainAnchor;
}

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
  private readonly writer: LogWriter;
  private closed = false;

  private constructor(
    readonly file: string,
    /** reads, users, settings, migrations */
    readonly dataSource: DataSource,
    /** the log writer's own connection: its open transaction is never visible to readers */
    private readonly writerSource: DataSource,
    private readonly anchor: ChainAnchor | null = null,
  ) {
    super(dataSource);
    // The writer's connection stays in node-sqlite3's parallel mode: queued batch
    // statements then run back to back in SQLite's thread. Nothing relies on their
    // order; the writer awaits BEGIN, index changes and COMMIT on their own.
    this.writer = new LogWriter(Connection.of(writerSource));
    if (anchor) this.writer.onCommit = (head, conn) => this.recordHead(head, conn);
    this.users = new Users(dataSource);
    this.settings = new Settings(dataSource);
  }

  static async open(options: OpenStoreOptions): Promise<Store> {
    const ds = await openDataSource({ file: options.file, migrate: true, busyTimeoutMs: options.busyTimeoutMs });
    let writerDs: DataSource;
    try {
      writerDs = await openDataSource({ file: options.file, migrate: false, busyTimeoutMs: options.busyTimeoutMs, cacheKiB: WRITER_CACHE_KIB });
    } catch (e) {
      await ds.destroy();
      throw e;
    }
    const store = new Store(options.file, ds, writerDs, options.anchor ?? null);
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
    if (options.bodies && options.bodies.length !== events.length) throw new RangeError('bodies: one per event');
    // A stored event is one line of the log (the writer also relies on it).
    options.bodies?.forEach((b, i) => {
      if (b.includes('\n')) throw new LogError(`event ${i + 1}: its text spans more than one line`);
    });
    return this.writer.transaction((tx) => {
      const outcomes: EventOutcome[] = [];
      checked.forEach((event, i) => {
        try {
          outcomes.push(tx.add(event, options.bodies?.[i] ?? JSON.stringify(event)));
        } catch (err) {
          if (err instanceof LogError) throw new LogError(`event ${i + 1}: ${err.message}`);
          throw err;
        }
      });
      return { outcomes, added: tx.added, duplicates: tx.duplicates };
    });
  }

  /** Imports a .jsonl log in this thread (the CLI, the import worker). The UI uses startImportJob. */
  importFile(path: string, options?: ImportOptions): Promise<ImportResult> {
    return importLogFile(this.writer, path, options);
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
    return this.writer.rebuild(async (conn) => {
      const r = await rebuildProjections(conn);
      return { result: { events: r.head.seq }, engine: r.engine, head: r.head };
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
    return { ...check, anchor: unreadable ? 'unreadable' : check.anchor, anchorProtection: protection };
  }

  /**
   * Records the store's head outside the file, if the chain still holds the last
   * head recorded there: a rewritten file never gets its rewrite recorded as good.
   * The import worker commits on a connection of its own; the app calls this after it.
   */
  async recordHead(head?: { seq: number; hash: string }, conn: Connection = Connection.of(this.dataSource)): Promise<void> {
    if (!this.anchor) return;
    try {
      const now = head ?? (await conn.get<{ seq: number; hash: string }>('SELECT seq, hash FROM log_head WHERE id = 1'));
      if (!now || now.seq === 0) return;
      const last = this.anchor.read(this.file).at(-1);
      if (last) {
        const stored = await conn.get<{ hash: string }>('SELECT hash FROM event WHERE seq = ?', [last.seq]);
        if (stored?.hash !== last.hash) return;
      }
      this.anchor.record(this.file, now);
    } catch (e) {
      // The commit stands; verify reports a record that lags, or cannot be read.
      console.warn(`kabyl: the chain head was not recorded outside the store: ${(e as Error).message}`);
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
    await this.writer.exclusive(async () => undefined);
    await this.writerSource.destroy();
    await this.dataSource.destroy();
  }
}

export function openStore(options: OpenStoreOptions): Promise<Store> {
  return Store.open(options);
}
