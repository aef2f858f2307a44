// Checking the store against its own log: the projections against a fresh
// replay of the stored events, and the events against their hash chain.
import { Engine } from '../../shared/engine/engine';
import { ChainVerifier, GENESIS_HASH, type ChainBreakReason } from '../../shared/log/hashChain';
import type { LogEvent } from '../../shared/log/events';
import { LogError, parseEventLine } from '../../shared/log/parseLine';
import type { RecordedHead } from './chainAnchor';
import { subjectOf } from './log/eventRow';
import { nodeChainHash } from './log/nodeHash';
import type { Connection } from './sql/connection';
import { writeRows } from './sql/connection';
import {
  PROJECTION_TABLES,
  type RejectionAt,
  type Row,
  type SqlValue,
  type TableSpec,
  rejectionTable,
} from './projection/tables';
import { StoreCorruptError } from './log/logWriter';

const PAGE = 5000;

export interface Replayed {
  engine: Engine;
  head: { seq: number; hash: string; at: string | null };
  rejections: RejectionAt[];
  /** stored events whose `outcome` column disagrees with the fresh replay */
  outcomeMismatches: { seq: number; stored: string | null; replayed: string | null }[];
  /** tolerant replays only: the first stored event that does not replay (the replay stopped before it) */
  malformed: { seq: number; message: string } | null;
}

/**
 * Replays every stored event, in seq order, into `engine`. A stored body that is
 * not a well-formed event throws StoreCorruptError, or with `tolerant` (verify)
 * ends the replay there and is reported in `malformed`.
 */
export async function replayStored(
  conn: Connection,
  engine: Engine,
  tolerant = false,
): Promise<Replayed> {
  const rejections: RejectionAt[] = [];
  const outcomeMismatches: Replayed['outcomeMismatches'] = [];
  const head = { seq: 0, hash: '', at: null as string | null };
  let malformed: Replayed['malformed'] = null;
  outer: for (;;) {
    const rows = await conn.all<{
      seq: number;
      body: unknown;
      outcome: string | null;
      hash: string;
      at: string;
    }>('SELECT seq, body, outcome, hash, at FROM event WHERE seq > ? ORDER BY seq LIMIT ?', [
      head.seq,
      PAGE,
    ]);
    if (rows.length === 0) break;
    for (const r of rows) {
      const before = engine.rejections.length;
      let outcome;
      try {
        if (typeof r.body !== 'string')
          throw new LogError(`its body is ${r.body === null ? 'null' : 'not text'}`, r.seq);
        outcome = engine.ingest(parseEventLine(r.body, r.seq));
      } catch (e) {
        // A rule's refusal is an outcome, never an exception: what lands here is a broken body.
        if (!tolerant)
          throw new StoreCorruptError(
            `the stored log does not replay: event ${(e as Error).message}`,
          );
        malformed = { seq: r.seq, message: (e as Error).message };
        break outer;
      }
      const replayed = outcome.kind === 'applied' ? outcome.refused : 'duplicate';
      if (replayed !== r.outcome)
        outcomeMismatches.push({ seq: r.seq, stored: r.outcome, replayed });
      if (engine.rejections.length > before) {
        const x = engine.rejections[engine.rejections.length - 1];
        rejections.push({ eventId: x.eventId, seq: r.seq, type: x.type, reason: x.reason });
      }
      head.seq = r.seq;
      head.hash = r.hash;
      head.at = r.at;
    }
    engine.takeChanges();
  }
  return { engine, head, rejections, outcomeMismatches, malformed };
}

export interface Mismatch {
  table: string;
  /** the row's primary key, columns joined by "/" */
  key: string;
  /** malformed_body: the event (table `event`, key its seq) does not replay; the tables were not compared */
  problem: 'missing' | 'unexpected' | 'different' | 'malformed_body';
  /** for `different`: the columns that differ */
  columns?: string[];
  expected?: Record<string, SqlValue>;
  actual?: Record<string, SqlValue>;
}

const MAX_MISMATCHES = 1000;

function expectedRows(spec: TableSpec<unknown>, replayed: Replayed): Iterable<unknown> {
  return spec === (rejectionTable as TableSpec<unknown>)
    ? replayed.rejections
    : spec.all(replayed.engine);
}

function asRecord(columns: readonly string[], row: Row): Record<string, SqlValue> {
  return Object.fromEntries(columns.map((c, i) => [c, row[i]]));
}

/** Replays the stored log into a fresh engine and lists every projection row that disagrees. */
export async function verifyProjections(
  conn: Connection,
): Promise<{ events: number; mismatches: Mismatch[] }> {
  const replayed = await replayStored(conn, new Engine(), true);
  if (replayed.malformed) {
    // Comparing the tables with a replay that stopped partway would list every later row as wrong.
    return {
      events: replayed.head.seq,
      mismatches: [
        { table: 'event', key: String(replayed.malformed.seq), problem: 'malformed_body' },
      ],
    };
  }
  const mismatches: Mismatch[] = [];
  const add = (m: Mismatch) => {
    if (mismatches.length < MAX_MISMATCHES) mismatches.push(m);
  };
  for (const m of replayed.outcomeMismatches) {
    add({
      table: 'event',
      key: String(m.seq),
      problem: 'different',
      columns: ['outcome'],
      expected: { outcome: m.replayed },
      actual: { outcome: m.stored },
    });
  }
  const storedHead = await conn.get<{ seq: number; at: string | null }>(
    'SELECT seq, at FROM log_head WHERE id = 1',
  );
  if (
    (storedHead?.seq ?? 0) !== replayed.head.seq ||
    (storedHead?.at ?? null) !== replayed.head.at
  ) {
    add({
      table: 'log_head',
      key: '1',
      problem: 'different',
      columns: ['seq', 'at'],
      expected: { seq: replayed.head.seq, at: replayed.head.at },
      actual: { seq: storedHead?.seq ?? 0, at: storedHead?.at ?? null },
    });
  }
  for (const spec of PROJECTION_TABLES as readonly TableSpec<unknown>[]) {
    const keyOf = (row: Row) => row.slice(0, spec.keyColumns).join('/');
    const expected = new Map<string, Row>();
    for (const item of expectedRows(spec, replayed)) {
      const row = spec.toRow(item);
      expected.set(keyOf(row), row);
    }
    const select = `SELECT ${spec.columns.map((c) => `"${c}"`).join(',')} FROM "${spec.table}"`;
    const actualRows = await conn.all<Record<string, SqlValue>>(select);
    for (const a of actualRows) {
      const row = spec.columns.map((c) => a[c] ?? null);
      const key = keyOf(row);
      const e = expected.get(key);
      if (!e) {
        add({ table: spec.table, key, problem: 'unexpected', actual: a });
        continue;
      }
      expected.delete(key);
      const differing = spec.columns.filter((_, i) => e[i] !== row[i]);
      if (differing.length > 0)
        add({
          table: spec.table,
          key,
          problem: 'different',
          columns: differing,
          expected: asRecord(spec.columns, e),
          actual: a,
        });
    }
    for (const [key, row] of expected)
      add({ table: spec.table, key, problem: 'missing', expected: asRecord(spec.columns, row) });
  }
  return { events: replayed.head.seq, mismatches };
}

/**
 * Deletes every projection row and writes them again from a fresh replay.
 * The caller runs it inside the writer's transaction.
 */
export async function rebuildProjections(conn: Connection): Promise<Replayed> {
  for (const spec of [...PROJECTION_TABLES].reverse())
    await conn.run(`DELETE FROM "${spec.table}"`);
  const replayed = await replayStored(conn, new Engine({ trackChanges: true }));
  for (const spec of PROJECTION_TABLES as readonly TableSpec<unknown>[]) {
    const rows: Row[] = [];
    for (const item of expectedRows(spec, replayed)) rows.push(spec.toRow(item));
    await Promise.all(writeRows(conn, spec.table, spec.columns, rows));
  }
  return replayed;
}

export interface ChainCheck {
  ok: boolean;
  /** events whose link was checked */
  checked: number;
  /** the first event whose link is broken, or null */
  brokenAt: number | null;
  reason: ChainBreakReason | null;
  /** for column_mismatch: the columns that differ from the hashed body */
  columns: string[] | null;
  /** the heads recorded outside the file: 'agrees', 'differs' (reason rewritten), 'none' recorded, or 'unreadable' */
  anchor: 'agrees' | 'differs' | 'none' | 'unreadable';
  /** for rewritten: the last recorded head the chain no longer holds (the rewrite is at brokenAt..this seq) */
  rewrittenBy: number | null;
  /** how the record outside the file is protected; null where the store keeps none (the CLI) */
  anchorProtection: 'os-encrypted' | 'user-file' | null;
}

/** The columns the audit shows and filters on, as the hashed body says they must be. */
function derivedColumns(event: LogEvent): Record<AuditColumn, string | null> {
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    actor_role: event.actor?.role ?? null,
    actor_id: event.actor?.id ?? null,
    subject_id: subjectOf(event),
  };
}

const AUDIT_COLUMNS = ['id', 'type', 'at', 'actor_role', 'actor_id', 'subject_id'] as const;
type AuditColumn = (typeof AUDIT_COLUMNS)[number];
type ChainRow = { seq: number; body: unknown; hash: string } & Record<AuditColumn, unknown>;

/**
 * Walks the hash chain of the stored log: every link, every audit column against
 * its hashed body, the end against the recorded head, and, when `recorded` heads
 * kept outside the file are given (chainAnchor.ts), the chain against them.
 */
export async function verifyChain(
  conn: Connection,
  recorded: readonly RecordedHead[] | null = null,
): Promise<ChainCheck> {
  const v = new ChainVerifier(nodeChainHash);
  const heads = recorded ?? [];
  let nextHead = 0;
  let agreedSeq = 0;
  let columns: string[] | null = null;
  let rewrittenBy: number | null = null;
  let after = 0;
  outer: for (;;) {
    const rows = await conn.all<ChainRow>(
      `SELECT seq, body, hash, ${AUDIT_COLUMNS.join(', ')} FROM event WHERE seq > ? ORDER BY seq LIMIT ?`,
      [after, PAGE],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      if (typeof r.body !== 'string' || typeof r.hash !== 'string') {
        v.reject(r.seq, typeof r.hash === 'string' ? 'malformed_body' : 'hash_mismatch');
        break outer;
      }
      if (!v.push({ seq: r.seq, body: r.body, hash: r.hash })) break outer;
      let event: LogEvent;
      try {
        event = parseEventLine(r.body, r.seq);
      } catch {
        v.reject(r.seq, 'malformed_body');
        break outer;
      }
      const derived = derivedColumns(event);
      const differ = AUDIT_COLUMNS.filter((c) => (r[c] ?? null) !== derived[c]);
      if (differ.length > 0) {
        columns = differ;
        v.reject(r.seq, 'column_mismatch');
        break outer;
      }
      while (nextHead < heads.length && heads[nextHead].seq < r.seq) nextHead++;
      if (nextHead < heads.length && heads[nextHead].seq === r.seq) {
        if (heads[nextHead].hash !== r.hash) {
          rewrittenBy = r.seq;
          v.reject(agreedSeq + 1, 'rewritten');
          break outer;
        }
        agreedSeq = r.seq;
      }
    }
    after = rows[rows.length - 1].seq;
  }
  const head = await conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM log_head WHERE id = 1',
  );
  let broken = v.finish(head ?? { seq: 0, hash: GENESIS_HASH });
  const last = heads.at(-1);
  if (broken === null && last && last.seq > v.checked) {
    // Events recorded outside the file are gone, and the file's own head was made to agree.
    rewrittenBy = last.seq;
    v.reject(Math.min(agreedSeq, v.checked) + 1, 'rewritten');
    broken = v.broken;
  }
  return {
    ok: broken === null,
    checked: v.checked,
    brokenAt: broken?.seq ?? null,
    reason: broken?.reason ?? null,
    columns: broken?.reason === 'column_mismatch' ? columns : null,
    anchor: heads.length === 0 ? 'none' : broken?.reason === 'rewritten' ? 'differs' : 'agrees',
    rewrittenBy: broken?.reason === 'rewritten' ? rewrittenBy : null,
    anchorProtection: null,
  };
}
