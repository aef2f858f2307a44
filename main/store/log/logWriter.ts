// The one writer of a store: events and projection changes, in one transaction
// per call, one call at a time. It keeps the engine in memory so a new event is
// judged against the whole log without reading it back.
//
// The engine is brought up to the database's head at the start of every write
// (and by warmUp()), from the events table itself: another process (the import
// worker, the CLI) may have appended since, and a failed write discards the
// in-memory engine rather than trying to undo it.
import { Engine, type ChangeSet } from '../../../shared/engine/engine';
import type { Reason } from '../../../shared/engine/reasons';
import { GENESIS_HASH } from '../../../shared/log/hashChain';
import type { LogEvent } from '../../../shared/log/events';
import {
  LogError,
  MAX_LINE_BYTES,
  checkLineLength,
  lineTooLong,
  parseEventLine,
} from '../../../shared/log/parseLine';
import { type Connection, writeRows } from '../sql/connection';
import { nodeChainHashBytes } from './nodeHash';
import {
  type Row,
  type TableSpec,
  applicationTable,
  type QueuedApplication,
  withPlaces,
  campaignTable,
  caseTable,
  orderTable,
  rejectionTable,
  schoolTable,
  streamTable,
} from '../projection/tables';
import { type StagedRow, stagedRow, writeEvents } from './eventRow';
import { readSnapshotFile, writeSnapshotFile } from '../snapshot/engineSnapshotFile';

export type EventOutcome =
  | { id: string; outcome: 'duplicate' }
  | { id: string; outcome: 'applied'; seq: number; refused: Reason | null };

export interface Head {
  seq: number;
  hash: string;
  at: string | null;
}

/** The store's file holds something the engine cannot replay: not an input error, a broken store. */
export class StoreCorruptError extends Error {}

const CATCH_UP_PAGE = 5000;
/** statements queued on the connection before the parser waits for SQLite to catch up */
const MAX_IN_FLIGHT = 6;

export interface SnapshotPolicy {
  /** the store's file: the snapshot lives beside it */
  storeFile: string;
  /** write one when the engine is at least this many events past the last one */
  every: number;
}

/** How the last catch-up began: what the start-up figures and the tests look at. */
export type RestoredFrom =
  | { from: 'snapshot'; seq: number; replayed: number }
  | { from: 'replay'; replayed: number; snapshot: string };

export class LogWriter {
  private engine: Engine | null = null;
  private head: Head = { seq: 0, hash: GENESIS_HASH, at: null };
  private queue: Promise<unknown> = Promise.resolve();
  /** the seq of the snapshot on disk as far as this writer knows (loaded or written) */
  private snapshotSeq = 0;
  lastRestore: RestoredFrom | null = null;

  /**
   * Runs after each commit that added events, still inside this writer's turn, with
   * the new head (the store records it outside the file: chainAnchor.ts). A failure
   * here cannot undo the commit, so the hook handles its own errors.
   */
  onCommit: ((head: Head, conn: Connection) => Promise<void>) | null = null;

  constructor(
    private readonly conn: Connection,
    private readonly snapshots: SnapshotPolicy | null = null,
  ) {}

  /** Runs `fn` after every earlier call has finished: one writer at a time in this process. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Restores the in-memory engine up to the stored log's head (start-up, in the background). */
  warmUp(): Promise<void> {
    return this.exclusive(() => this.catchUp());
  }

  /** The engine as of the last committed write (after warmUp or a write); null if not loaded. */
  currentEngine(): Engine | null {
    return this.engine;
  }

  /**
   * Writes the engine snapshot if the engine is `every` or more events past the
   * last one (`force`: any event past it). Called after an import, a rebuild and on close.
   */
  saveSnapshot(force = false): Promise<boolean> {
    return this.exclusive(async () => {
      const policy = this.snapshots;
      if (policy === null || this.engine === null || this.head.seq === 0) return false;
      const behind = this.head.seq - this.snapshotSeq;
      if (behind === 0 || (!force && behind < policy.every)) return false;
      await writeSnapshotFile(policy.storeFile, this.engine, this.head);
      this.snapshotSeq = this.head.seq;
      return true;
    });
  }

  /** Drops the in-memory engine; the next write replays the log again (after a rebuild, say). */
  reset(engine: Engine | null = null, head?: Head): void {
    this.engine = engine;
    if (engine && head) this.head = { ...head };
    else this.head = { seq: 0, hash: GENESIS_HASH, at: null };
  }

  /** One write transaction: BEGIN IMMEDIATE, catch up, `fn`, projections, COMMIT; or nothing at all. */
  transaction<T>(fn: (tx: WriteTx) => Promise<T> | T): Promise<T> {
    return this.exclusive(async () => {
      await this.conn.run('BEGIN IMMEDIATE');
      let tx: WriteTx | null = null;
      try {
        await this.catchUp();
        tx = new WriteTx(this.conn, this.engine!, this.head);
        const result = await fn(tx);
        await tx.finish();
        await this.conn.finalizeStatements();
        await this.conn.run('COMMIT');
        this.head = tx.head;
        if (tx.added > 0 && this.onCommit) await this.onCommit({ ...this.head }, this.conn);
        return result;
      } catch (e) {
        // Let queued statements settle before rolling back under them.
        await tx?.settle();
        await this.conn.finalizeStatements();
        await this.conn.run('ROLLBACK').catch(() => undefined);
        // The engine was changed in place; rather than undo, reload it from the (unchanged) database.
        if (tx === null || tx.engineTouched) this.reset();
        throw e;
      }
    });
  }

  /**
   * A write transaction in which `work` may replace the engine (a sync rebase
   * rewinds the pending suffix and folds it again on another base): `work`
   * gets the caught-up engine and head and returns the ones to keep.
   */
  rewrite<T>(
    work: (
      conn: Connection,
      engine: Engine,
      head: Head,
    ) => Promise<{ result: T; engine: Engine; head: Head }>,
  ): Promise<T> {
    return this.exclusive(async () => {
      await this.conn.run('BEGIN IMMEDIATE');
      try {
        await this.catchUp();
        const { result, engine, head } = await work(this.conn, this.engine!, { ...this.head });
        await this.conn.finalizeStatements();
        await this.conn.run('COMMIT');
        this.reset(engine, head);
        if (this.onCommit) await this.onCommit({ ...head }, this.conn);
        return result;
      } catch (e) {
        await this.conn.finalizeStatements();
        await this.conn.run('ROLLBACK').catch(() => undefined);
        this.reset();
        throw e;
      }
    });
  }

  /** Runs `work` in a write transaction with the raw connection; its engine becomes the writer's. */
  rebuild<T>(
    work: (conn: Connection) => Promise<{ result: T; engine: Engine; head: Head }>,
  ): Promise<T> {
    return this.exclusive(async () => {
      await this.conn.run('BEGIN IMMEDIATE');
      try {
        const { result, engine, head } = await work(this.conn);
        await this.conn.finalizeStatements();
        await this.conn.run('COMMIT');
        this.reset(engine, head);
        return result;
      } catch (e) {
        await this.conn.finalizeStatements();
        await this.conn.run('ROLLBACK').catch(() => undefined);
        this.reset();
        throw e;
      }
    });
  }

  private async catchUp(): Promise<void> {
    const stored = await this.conn.get<{ seq: number; hash: string; at: string | null }>(
      'SELECT seq, hash, at FROM log_head WHERE id = 1',
    );
    const target: Head = stored ?? { seq: 0, hash: GENESIS_HASH, at: null };
    let restored: RestoredFrom | null = null;
    if (this.engine === null || target.seq < this.head.seq) {
      restored = await this.restore(target);
    }
    const engine = this.engine!;
    const from = this.head.seq;
    try {
      while (this.head.seq < target.seq) {
        const rows = await this.conn.all<{ seq: number; body: string }>(
          'SELECT seq, body FROM event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
          [this.head.seq, target.seq, CATCH_UP_PAGE],
        );
        if (rows.length === 0)
          throw new StoreCorruptError(
            `the log head says ${target.seq} events, but events after ${this.head.seq} are missing`,
          );
        for (const r of rows) {
          if (r.seq !== this.head.seq + 1)
            throw new StoreCorruptError(
              `event ${this.head.seq + 1} is missing from the stored log`,
            );
          engine.ingest(parseEventLine(r.body, r.seq));
          this.head.seq = r.seq;
        }
        engine.takeChanges();
      }
    } catch (e) {
      this.reset();
      if (e instanceof LogError)
        throw new StoreCorruptError(`the stored log does not replay: event ${e.message}`);
      throw e;
    }
    this.head = { ...target };
    if (restored) this.lastRestore = { ...restored, replayed: target.seq - from };
  }

  /**
   * A fresh engine for a catch-up: the snapshot beside the store when it is the
   * fold of a prefix of this very log (its last event's hash is the stored one),
   * else an empty engine that replays everything. Never a wrong answer: a
   * snapshot that does not check out is only a slower start.
   */
  private async restore(target: Head): Promise<RestoredFrom> {
    this.engine = new Engine({ trackChanges: true });
    this.head = { seq: 0, hash: GENESIS_HASH, at: null };
    if (this.snapshots === null) return { from: 'replay', replayed: 0, snapshot: 'off' };
    const loaded = await readSnapshotFile(this.snapshots.storeFile, { trackChanges: true });
    if (!loaded.ok) return { from: 'replay', replayed: 0, snapshot: loaded.reason };
    const { seq, hash } = loaded.head;
    if (seq > target.seq) return { from: 'replay', replayed: 0, snapshot: 'ahead' };
    const row = await this.conn.get<{ hash: string }>('SELECT hash FROM event WHERE seq = ?', [
      seq,
    ]);
    if (row?.hash !== hash) return { from: 'replay', replayed: 0, snapshot: 'another-log' };
    this.engine = loaded.engine;
    this.head = { seq, hash, at: loaded.engine.lastAt };
    this.snapshotSeq = seq;
    return { from: 'snapshot', seq, replayed: 0 };
  }
}

/**
 * The work of one transaction: events go in through add(), are judged by the
 * engine at once, and their rows are written in multi-row statements that
 * SQLite executes while the caller parses the next ones.
 */
export class WriteTx {
  engineTouched = false;
  readonly head: Head;
  private events: StagedRow[] = [];
  private rejections: Row[] = [];
  private inFlight: Promise<void>[] = [];
  private failure: unknown = null;
  /** secondary indexes dropped for a bulk load, recreated by finish() */
  private droppedIndexes: { table: string; sql: string }[] = [];
  /** the search index's triggers, dropped for a bulk load; finish() rebuilds the index */
  private droppedSearchTriggers: string[] = [];
  added = 0;
  duplicates = 0;
  refused = 0;

  /** rows to rewrite besides the engine's own change set (a rebase: what the rewound events touched) */
  private extra: ChangeSet | null = null;

  constructor(
    readonly conn: Connection,
    readonly engine: Engine,
    head: Head,
  ) {
    this.head = { ...head };
  }

  /**
   * Judges and stages one well-formed event; `line` names it in a LogError.
   * `bytes`, when the caller has them (an import reads them from the file), are `body` in UTF-8.
   */
  add(event: LogEvent, body: string, line?: number, bytes?: Uint8Array): EventOutcome {
    // Every stored body is a well-formed line (FORMATS.md): at most 1 MiB, whoever wrote it.
    if (bytes ? bytes.length > MAX_LINE_BYTES : (checkLineLength(body, line), false))
      throw lineTooLong(line);
    const engine = this.engine;
    const rejectionsBefore = engine.rejections.length;
    let outcome;
    try {
      outcome = engine.ingest(event);
    } catch (e) {
      if (e instanceof LogError && e.line === undefined && line !== undefined)
        throw new LogError(e.message, line);
      throw e;
    }
    if (outcome.kind === 'duplicate') {
      this.duplicates++;
      return { id: event.id, outcome: 'duplicate' };
    }
    this.engineTouched = true;
    const seq = this.head.seq + 1;
    const utf8 = bytes ?? Buffer.from(body, 'utf8');
    const hash = nodeChainHashBytes(this.head.hash, utf8);
    this.events.push(stagedRow(seq, event, utf8, outcome.refused, hash));
    this.head.seq = seq;
    this.head.hash = hash;
    this.head.at = event.at;
    this.added++;
    if (outcome.refused !== null) this.refused++;
    if (engine.rejections.length > rejectionsBefore) {
      const r = engine.rejections[engine.rejections.length - 1];
      this.rejections.push(
        rejectionTable.toRow({ eventId: r.eventId, seq, type: r.type, reason: r.reason }),
      );
    }
    if (this.events.length >= 500) this.flushEvents();
    return { id: event.id, outcome: 'applied', seq, refused: outcome.refused };
  }

  /**
   * For a large import: drops the secondary indexes (inside this transaction)
   * so rows go in without random index updates; finish() builds them again
   * by sorting, which is several times faster. A rollback or a crash restores them.
   */
  async bulkLoad(): Promise<void> {
    const rows = await this.conn.all<{ name: string; table: string; sql: string }>(
      `SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(',')})`,
      BULK_TABLES,
    );
    for (const r of rows) {
      await this.conn.run(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
      this.droppedIndexes.push({ table: r.table, sql: r.sql });
    }
    // The name search index too: one rebuild at the end instead of 200k trigger runs.
    const triggers = await this.conn.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'application_search_%'",
    );
    for (const t of triggers) {
      await this.conn.run(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
      this.droppedSearchTriggers.push(t.sql);
    }
  }

  /** Waits for every queued statement, failed or not. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.inFlight = [];
  }

  /** Lets SQLite drain when too much is queued; rethrows a failed statement. */
  async pump(): Promise<void> {
    while (this.inFlight.length > MAX_IN_FLIGHT) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  private queue(promises: Promise<void>[]): void {
    for (const p of promises) {
      this.inFlight.push(
        p.catch((e) => {
          this.failure ??= e;
        }),
      );
    }
  }

  private flushEvents(): void {
    if (this.events.length === 0) return;
    this.queue([writeEvents(this.conn, this.events)]);
    this.events = [];
  }

  /**
   * Also rewrites these rows from the engine at finish(), deleting those the
   * engine no longer holds, and writes the head even if nothing was added
   * (a rebase that only rewound refused events moves the head back).
   */
  rewriteAlso(changes: ChangeSet): void {
    this.extra = changes;
  }

  /** Writes the remaining events, the touched projection rows and the new head. */
  async finish(): Promise<void> {
    this.flushEvents();
    // The event table is complete: its indexes go back now, while its pages
    // are the ones in SQLite's cache, before the projection rows displace them.
    const eventIndexes = this.droppedIndexes.filter((d) => d.table === 'event');
    if (eventIndexes.length > 0) {
      await this.settle();
      if (this.failure) throw this.failure;
      for (const d of eventIndexes) await this.conn.run(d.sql);
      this.droppedIndexes = this.droppedIndexes.filter((d) => d.table !== 'event');
    }
    if (this.rejections.length > 0)
      this.queue(
        writeRows(this.conn, rejectionTable.table, rejectionTable.columns, this.rejections),
      );
    this.rejections = [];
    if (this.added > 0 || this.extra !== null) {
      const changes = this.engine.takeChanges();
      if (this.extra !== null) {
        mergeChanges(changes, this.extra);
        this.queue(deleteVanished(this.conn, this.engine, changes));
      }
      writeChanges(this.conn, this.engine, changes, (p) => this.queue(p));
      this.queue([
        this.conn.run(
          'INSERT INTO log_head (id, seq, hash, at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at',
          [this.head.seq, this.head.hash, this.head.at],
        ),
      ]);
    }
    await Promise.all(this.inFlight);
    this.inFlight = [];
    if (this.failure) throw this.failure;
    for (const d of this.droppedIndexes.splice(0)) await this.conn.run(d.sql);
    if (this.droppedSearchTriggers.length > 0) {
      for (const sql of this.droppedSearchTriggers.splice(0)) await this.conn.run(sql);
      await this.conn.run("INSERT INTO application_search (application_search) VALUES ('rebuild')");
    }
  }
}

/** the tables whose secondary indexes a bulk load drops and rebuilds */
const BULK_TABLES = [
  'event',
  'application',
  'stream',
  'school',
  'commission_case',
  'admission_order',
  'rejection',
];

function upsert<T>(spec: TableSpec<T>, items: Iterable<T>): { spec: TableSpec<T>; rows: Row[] } {
  const rows: Row[] = [];
  for (const item of items) rows.push(spec.toRow(item));
  return { spec, rows };
}

function pick<K, V>(map: Map<K, V>, keys: Set<K>): V[] {
  const out: V[] = [];
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * The applications an ingest touched, with their queue places (R16). A queue
 * that changed may have moved everyone in it, so all its entries are rewritten.
 */
function changedApplications(engine: Engine, changes: ChangeSet): Iterable<QueuedApplication> {
  if (changes.waitlists.size === 0)
    return withPlaces(engine, pick(engine.applications, changes.applications), new Map());
  const ids = new Set(changes.applications);
  const positions = new Map<string, number>();
  for (const key of changes.waitlists) {
    engine.waitlist(key).forEach((entry, i) => {
      ids.add(entry.applicationId);
      positions.set(entry.applicationId, i + 1);
    });
  }
  return withPlaces(engine, pick(engine.applications, ids), positions);
}

function mergeChanges(into: ChangeSet, from: ChangeSet): void {
  for (const k of ['applications', 'streams', 'cases', 'schools', 'waitlists'] as const) {
    for (const v of from[k]) into[k].add(v);
  }
  into.campaign ||= from.campaign;
}

/**
 * Deletes the projection rows of touched keys the engine no longer holds (a
 * rewound pending event had made them). Children before parents.
 */
function deleteVanished(conn: Connection, engine: Engine, changes: ChangeSet): Promise<void>[] {
  const gone = <V>(keys: Set<string>, map: Map<string, V>) => [...keys].filter((k) => !map.has(k));
  const parts: [string, string, string[]][] = [
    ['application', 'id', gone(changes.applications, engine.applications)],
    ['commission_case', 'id', gone(changes.cases, engine.cases)],
    ['stream', 'key', gone(changes.streams, engine.streams)],
    ['school', 'id', gone(changes.schools, engine.schools)],
  ];
  const out: Promise<void>[] = [];
  for (const [table, key, ids] of parts) {
    if (ids.length > 0) {
      out.push(
        conn.run(`DELETE FROM "${table}" WHERE "${key}" IN (${ids.map(() => '?').join(',')})`, ids),
      );
    }
  }
  return out;
}

/** Upserts exactly the rows the engine says it touched. */
export function writeChanges(
  conn: Connection,
  engine: Engine,
  changes: ChangeSet,
  queue: (p: Promise<void>[]) => void,
): void {
  const parts = [
    upsert(campaignTable, campaignTable.all(engine)),
    upsert(schoolTable, pick(engine.schools, changes.schools)),
    upsert(streamTable, pick(engine.streams, changes.streams)),
    upsert(applicationTable, changedApplications(engine, changes)),
    upsert(caseTable, pick(engine.cases, changes.cases)),
    upsert(orderTable, changes.orders),
  ];
  for (const { spec, rows } of parts) {
    if (rows.length > 0) queue(writeRows(conn, spec.table, spec.columns, rows, spec.keyColumns));
  }
}
