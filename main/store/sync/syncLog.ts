// The store's side of sync with the central server (docs/sync.md, "The desktop"):
// the log is the server's prefix followed by the pending suffix (events judged
// here, not yet confirmed). A rebase puts pulled server events after the
// prefix and folds the pending suffix again on top, in one write transaction,
// so the projections always equal a replay of prefix + pending.
//
// Only the suffix is ever rewound: the engine at the prefix comes from a copy
// kept in memory (taken when the queue last became non-empty, or by the last
// rebase), else from the engine snapshot file plus the events after it.
import { Engine, type EngineSnapshot } from '../../../shared/engine/engine';
import type { LogEvent } from '../../../shared/log/events';
import { GENESIS_HASH } from '../../../shared/log/hashChain';
import { parseInstant } from '../../../shared/log/instant';
import { parseEventLine } from '../../../shared/log/parseLine';
import { selectList } from '../entities/defineTable';
import {
  SYNC_CONFLICT,
  SYNC_STATE,
  type SyncConflictRecord,
  type SyncStateRecord,
} from '../entities/syncEntities';
import { subjectOf } from '../log/eventRow';
import { type Head, type LogWriter, WriteTx } from '../log/logWriter';
import { readSnapshotFile } from '../snapshot/engineSnapshotFile';
import type { Connection } from '../sql/connection';

export interface PendingEvent {
  id: string;
  position: number;
  /** the event as recorded on this device (its own time): what is pushed */
  body: string;
  ackedSeq: number | null;
}

/** A pending event the server will not take, and why (an engine reason or a protocol error code). */
export interface Refusal {
  id: string;
  reason: string;
  message?: string;
}

export interface RebaseInput {
  /** server events after the cursor, as lines (FORMATS.md plus `seq`), in seq order */
  pulled: string[];
  refused: Refusal[];
  /** the cursor after `pulled`, stored in the same transaction */
  cursor?: string;
  /** when this desktop learnt of it (conflicts' `refusedAt`, the state's `lastSyncAt`) */
  now: string;
}

export interface RebaseResult {
  /** events pulled and stored */
  pulled: number;
  /** pending events the pull confirmed */
  confirmed: number;
  /** pending events turned into conflicts */
  conflicts: number;
  /** pending events still waiting */
  pending: number;
  /** whether the pending suffix was rewound (false: the pulled events were appended in place) */
  rewound: boolean;
}

export class NotConnectedError extends Error {
  constructor() {
    super('this store is not connected to a server');
  }
}

const CATCH_UP_PAGE = 5000;

export class SyncLog {
  /** the engine at the server prefix while something is pending (never mutated) */
  private base: { seq: number; hash: string; snapshot: EngineSnapshot } | null = null;

  constructor(
    private readonly writer: LogWriter,
    /** the store's read connection */
    private readonly reads: Connection,
    /** the store file, for its engine snapshot; null when snapshots are off */
    private readonly snapshotOf: string | null,
  ) {}

  async state(): Promise<SyncStateRecord | null> {
    const row = await this.reads.get<SyncStateRecord>(
      `SELECT ${selectList(SYNC_STATE)} FROM sync_state WHERE id = 1`,
    );
    return row ?? null;
  }

  async pending(limit = 100_000): Promise<PendingEvent[]> {
    return this.reads.all<PendingEvent>(
      'SELECT id, position, body, acked_seq AS "ackedSeq" FROM sync_pending ORDER BY position LIMIT ?',
      [limit],
    );
  }

  async pendingCount(): Promise<number> {
    return (await this.reads.get<{ n: number }>('SELECT count(*) AS n FROM sync_pending'))!.n;
  }

  async pendingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.reads.all<{ id: string }>(
      `SELECT id FROM sync_pending WHERE id IN (${ids.map(() => '?').join(',')})`,
      [...ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async unseenConflicts(): Promise<number> {
    return (await this.reads.get<{ n: number }>(
      'SELECT count(*) AS n FROM sync_conflict WHERE seen_at IS NULL',
    ))!.n;
  }

  /** Marks conflicts as dealt with (they stay listed). */
  async markSeen(ids: readonly string[], now: string): Promise<void> {
    await this.writer.rewrite(async (conn, engine, head) => {
      for (const id of ids)
        await conn.run('UPDATE sync_conflict SET seen_at = ? WHERE id = ? AND seen_at IS NULL', [
          now,
          id,
        ]);
      return { result: undefined, engine, head };
    });
  }

  async conflicts(): Promise<SyncConflictRecord[]> {
    return this.reads.all<SyncConflictRecord>(
      `SELECT ${selectList(SYNC_CONFLICT)} FROM sync_conflict ORDER BY refused_at DESC, id`,
    );
  }

  /**
   * Connects an empty store to a server. A store that already holds events
   * came from a file or the demo: its log is not the server's, so it is refused.
   */
  connect(s: { serverUrl: string; deviceId: string; districtId: string }): Promise<void> {
    return this.writer.rewrite(async (conn, engine, head) => {
      if (head.seq > 0) throw new Error('only an empty district store can connect to a server');
      if (await conn.get('SELECT 1 AS x FROM sync_state WHERE id = 1')) {
        throw new Error('this store is already connected to a server');
      }
      await conn.run(
        'INSERT INTO sync_state (id, server_url, device_id, district_id, cursor, prefix_seq) VALUES (1, ?, ?, ?, NULL, 0)',
        [s.serverUrl, s.deviceId, s.districtId],
      );
      return { result: undefined, engine, head };
    });
  }

  /** Stores the server's seq for pushed events it accepted (the pull brings them home). */
  async acknowledge(accepted: { id: string; seq: number }[], now: string): Promise<void> {
    await this.writer.rewrite(async (conn, engine, head) => {
      for (const a of accepted)
        await conn.run('UPDATE sync_pending SET acked_seq = ? WHERE id = ?', [a.seq, a.id]);
      await conn.run('UPDATE sync_state SET last_sync_at = ? WHERE id = 1', [now]);
      return { result: undefined, engine, head };
    });
  }

  /**
   * Inside the store's append transaction: whether the store is connected, and
   * if so, before anything is ingested, keeps a copy of the engine at the
   * server prefix when the queue is empty (the next rebase then needs no replay).
   */
  async beforeAppend(tx: WriteTx): Promise<boolean> {
    const row = await tx.conn.get<{ connected: number; n: number }>(
      'SELECT (SELECT count(*) FROM sync_state) AS connected, (SELECT count(*) FROM sync_pending) AS n',
    );
    if (!row || row.connected === 0) return false;
    if (row.n === 0) this.notePrefix(tx.engine, tx.head);
    return true;
  }

  /** Inside the same transaction: the events just judged join the pending queue. */
  async recordPending(tx: WriteTx, events: readonly { id: string; body: string }[]): Promise<void> {
    const row = await tx.conn.get<{ last: number | null }>(
      'SELECT max(position) AS last FROM sync_pending',
    );
    let position = row?.last ?? 0;
    for (const { id, body } of events) {
      await tx.conn.run(
        'INSERT INTO sync_pending (id, position, body, acked_seq) VALUES (?, ?, ?, NULL)',
        [id, ++position, body],
      );
    }
  }

  private notePrefix(engine: Engine, head: Head): void {
    this.base = { seq: head.seq, hash: head.hash, snapshot: engine.snapshot() };
  }

  /** Pulled events in, refused pending events out to the conflicts list, the rest folded again on top. */
  rebase(input: RebaseInput): Promise<RebaseResult> {
    return this.writer.rewrite(async (conn, engine, head) => {
      const st = await conn.get<{ prefixSeq: number }>(
        'SELECT prefix_seq AS "prefixSeq" FROM sync_state WHERE id = 1',
      );
      if (!st) throw new NotConnectedError();
      const pending = await conn.all<PendingEvent>(
        'SELECT id, position, body, acked_seq AS "ackedSeq" FROM sync_pending ORDER BY position',
      );
      const pulled = input.pulled.map((line, i) => ({ line, event: parseEventLine(line, i + 1) }));
      const pulledIds = new Set(pulled.map((p) => p.event.id));
      const refusals = new Map(input.refused.map((r) => [r.id, r]));
      for (const p of pending) {
        const r = refusals.get(p.id);
        // Accepted after all (another push of the same id won): the pull decides, not a stale refusal.
        if (r && !pulledIds.has(p.id)) await insertConflict(conn, p, r, input.now);
      }
      const keep = pending.filter((p) => !pulledIds.has(p.id) && !refusals.has(p.id));
      let tx: WriteTx;
      let prefix: number;
      let rewound = false;
      if (pending.length === 0) {
        // Nothing local on top: the server's events are appended where they belong.
        tx = new WriteTx(conn, engine, head);
        for (const p of pulled) tx.add(p.event, p.line);
        prefix = tx.head.seq;
      } else {
        rewound = true;
        const base = await this.baseEngine(conn, st.prefixSeq);
        const touched = await rewindSuffix(conn, base.engine.snapshot(), st.prefixSeq);
        tx = new WriteTx(conn, base.engine, base.head);
        tx.rewriteAlso(touched);
        for (const p of pulled) tx.add(p.event, p.line);
        prefix = tx.head.seq;
        if (keep.length > 0) this.notePrefix(tx.engine, tx.head);
        for (const p of keep) {
          const local = restamp(parseEventLine(p.body), tx.engine);
          tx.add(local, JSON.stringify(local));
        }
      }
      await tx.finish();
      const gone = [...pending.filter((p) => !keep.includes(p)).map((p) => p.id)];
      for (const id of gone) await conn.run('DELETE FROM sync_pending WHERE id = ?', [id]);
      await conn.run(
        'UPDATE sync_state SET prefix_seq = ?, cursor = coalesce(?, cursor), last_sync_at = ? WHERE id = 1',
        [prefix, input.cursor ?? null, input.now],
      );
      if (keep.length === 0) this.base = null;
      const conflicts = pending.filter((p) => refusals.has(p.id) && !pulledIds.has(p.id)).length;
      const result: RebaseResult = {
        pulled: pulled.length,
        confirmed: pending.filter((p) => pulledIds.has(p.id)).length,
        conflicts,
        pending: keep.length,
        rewound,
      };
      return { result, engine: tx.engine, head: { ...tx.head } };
    });
  }

  /**
   * The engine folded up to the prefix: the copy in memory when it is of this
   * very prefix, else the snapshot file (when it is of a prefix of it) plus the
   * events after it, else a replay from the first event.
   */
  private async baseEngine(
    conn: Connection,
    prefixSeq: number,
  ): Promise<{ engine: Engine; head: Head }> {
    const row =
      prefixSeq === 0
        ? { hash: GENESIS_HASH, at: null }
        : await conn.get<{ hash: string; at: string }>('SELECT hash, at FROM event WHERE seq = ?', [
            prefixSeq,
          ]);
    if (!row) throw new Error(`the stored log has no event ${prefixSeq}, the server prefix`);
    const head: Head = { seq: prefixSeq, hash: row.hash, at: row.at };
    if (this.base && this.base.seq === prefixSeq && this.base.hash === row.hash) {
      return { engine: Engine.restore(this.base.snapshot, { trackChanges: true }), head };
    }
    let engine = new Engine({ trackChanges: true });
    let from = 0;
    if (this.snapshotOf !== null) {
      const loaded = await readSnapshotFile(this.snapshotOf, { trackChanges: true });
      if (loaded.ok && loaded.head.seq <= prefixSeq) {
        const at = await conn.get<{ hash: string }>('SELECT hash FROM event WHERE seq = ?', [
          loaded.head.seq,
        ]);
        if (at?.hash === loaded.head.hash) {
          engine = loaded.engine;
          from = loaded.head.seq;
        }
      }
    }
    while (from < prefixSeq) {
      const rows = await conn.all<{ seq: number; body: string }>(
        'SELECT seq, body FROM event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
        [from, prefixSeq, CATCH_UP_PAGE],
      );
      if (rows.length === 0)
        throw new Error(`events after ${from} are missing from the stored log`);
      for (const r of rows) engine.ingest(parseEventLine(r.body, r.seq));
      from = rows[rows.length - 1].seq;
    }
    engine.takeChanges();
    return { engine, head };
  }
}

/**
 * Deletes the pending suffix (events, their rejections and orders) and returns
 * what it had touched, found by folding it again on a copy of the base: those
 * rows are rewritten from the new engine, or deleted if it no longer has them.
 */
async function rewindSuffix(conn: Connection, base: EngineSnapshot, prefixSeq: number) {
  const suffix = await conn.all<{ seq: number; id: string; body: string }>(
    'SELECT seq, id, body FROM event WHERE seq > ? ORDER BY seq',
    [prefixSeq],
  );
  const old = Engine.restore(base, { trackChanges: true });
  for (const r of suffix) old.ingest(parseEventLine(r.body, r.seq));
  const touched = old.takeChanges();
  await conn.run('DELETE FROM rejection WHERE seq > ?', [prefixSeq]);
  for (const r of suffix) await conn.run('DELETE FROM admission_order WHERE event_id = ?', [r.id]);
  // The delete trigger lets through pending events only: a bug here cannot eat the server's prefix.
  await conn.run('DELETE FROM event WHERE seq > ?', [prefixSeq]);
  return touched;
}

/**
 * A pending event folded after server events later than its own time keeps
 * its id and body for the push, but locally it is judged at the log's time:
 * the engine's clock never goes back.
 */
export function restamp(event: LogEvent, engine: Engine): LogEvent {
  if (engine.lastAt === null || parseInstant(event.at) >= engine.clock) return event;
  return { ...event, at: engine.lastAt };
}

async function insertConflict(
  conn: Connection,
  p: PendingEvent,
  r: Refusal,
  now: string,
): Promise<void> {
  const event = JSON.parse(p.body) as LogEvent;
  await conn.run(
    `INSERT INTO sync_conflict (id, type, actor_role, actor_id, subject_id, recorded_at, reason, message, body, refused_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [
      event.id,
      event.type,
      event.actor?.role ?? null,
      event.actor?.id ?? null,
      subjectOf(event),
      event.at,
      r.reason,
      r.message ?? null,
      p.body,
      now,
    ],
  );
}
