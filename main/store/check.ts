// Checking the store against its own log: the projections against a fresh
// replay of the stored events, and the events against their hash chain.
import { Engine } from '../../shared/engine/engine';
import { ChainVerifier, GENESIS_HASH, type ChainBreak } from '../../shared/log/hashChain';
import { nodeChainHash } from './log/nodeHash';
import { parseEventLine } from '../../shared/log/parseLine';
import type { Connection } from './sql/connection';
import { writeRows } from './sql/connection';
import { PROJECTION_TABLES, type RejectionAt, type Row, type SqlValue, type TableSpec, rejectionTable } from './projection/tables';
import { StoreCorruptError } from './log/logWriter';

const PAGE = 5000;

export interface Replayed {
  engine: Engine;
  head: { seq: number; hash: string; at: string | null };
  rejections: RejectionAt[];
  /** stored events whose `outcome` column disagrees with the fresh replay */
  outcomeMismatches: { seq: number; stored: string | null; replayed: string | null }[];
}

/** Replays every stored event, in seq order, into `engine`. */
export async function replayStored(conn: Connection, engine: Engine): Promise<Replayed> {
  const rejections: RejectionAt[] = [];
  const outcomeMismatches: Replayed['outcomeMismatches'] = [];
  const head = { seq: 0, hash: '', at: null as string | null };
  for (;;) {
    const rows = await conn.all<{ seq: number; body: string; outcome: string | null; hash: string; at: string }>(
      'SELECT seq, body, outcome, hash, at FROM event WHERE seq > ? ORDER BY seq LIMIT ?',
      [head.seq, PAGE],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const before = engine.rejections.length;
      let outcome;
      try {
        outcome = engine.ingest(parseEventLine(r.body, r.seq));
      } catch (e) {
        throw new StoreCorruptError(`the stored log does not replay: event ${(e as Error).message}`);
      }
      const replayed = outcome.kind === 'applied' ? outcome.refused : 'duplicate';
      if (replayed !== r.outcome) outcomeMismatches.push({ seq: r.seq, stored: r.outcome, replayed });
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
  return { engine, head, rejections, outcomeMismatches };
}

export interface Mismatch {
  table: string;
  /** the row's primary key, columns joined by "/" */
  key: string;
  problem: 'missing' | 'unexpected' | 'different';
  /** for `different`: the columns that differ */
  columns?: string[];
  expected?: Record<string, SqlValue>;
  actual?: Record<string, SqlValue>;
}

const MAX_MISMATCHES = 1000;

function expectedRows(spec: TableSpec<unknown>, replayed: Replayed): Iterable<unknown> {
  return spec === (rejectionTable as TableSpec<unknown>) ? replayed.rejections : spec.all(replayed.engine);
}

function asRecord(columns: readonly string[], row: Row): Record<string, SqlValue> {
  return Object.fromEntries(columns.map((c, i) => [c, row[i]]));
}

/** Replays the stored log into a fresh engine and lists every projection row that disagrees. */
export async function verifyProjections(conn: Connection): Promise<{ events: number; mismatches: Mismatch[] }> {
  const replayed = await replayStored(conn, new Engine());
  const mismatches: Mismatch[] = [];
  const add = (m: Mismatch) => {
    if (mismatches.length < MAX_MISMATCHES) mismatches.push(m);
  };
  for (const m of replayed.outcomeMismatches) {
    add({ table: 'event', key: String(m.seq), problem: 'different', columns: ['outcome'], expected: { outcome: m.replayed }, actual: { outcome: m.stored } });
  }
  const storedHead = await conn.get<{ seq: number; at: string | null }>('SELECT seq, at FROM log_head WHERE id = 1');
  if ((storedHead?.seq ?? 0) !== replayed.head.seq || (storedHead?.at ?? null) !== replayed.head.at) {
    add({ table: 'log_head', key: '1', problem: 'different', columns: ['seq', 'at'], expected: { seq: replayed.head.seq, at: replayed.head.at }, actual: { seq: storedHead?.seq ?? 0, at: storedHead?.at ?? null } });
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
      if (differing.length > 0) add({ table: spec.table, key, problem: 'different', columns: differing, expected: asRecord(spec.columns, e), actual: a });
    }
    for (const [key, row] of expected) add({ table: spec.table, key, problem: 'missing', expected: asRecord(spec.columns, row) });
  }
  return { events: replayed.head.seq, mismatches };
}

/**
 * Deletes every projection row and writes them again from a fresh replay.
 * The caller runs it inside the writer's transaction.
 */
export async function rebuildProjections(conn: Connection): Promise<Replayed> {
  for (const spec of [...PROJECTION_TABLES].reverse()) await conn.run(`DELETE FROM "${spec.table}"`);
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
  reason: ChainBreak['reason'] | null;
}

/** Walks the hash chain of the stored log and compares its end with the recorded head. */
export async function verifyChain(conn: Connection): Promise<ChainCheck> {
  const v = new ChainVerifier(nodeChainHash);
  let after = 0;
  outer: for (;;) {
    const rows = await conn.all<{ seq: number; body: string; hash: string }>(
      'SELECT seq, body, hash FROM event WHERE seq > ? ORDER BY seq LIMIT ?',
      [after, PAGE],
    );
    if (rows.length === 0) break;
    for (const r of rows) if (!v.push(r)) break outer;
    after = rows[rows.length - 1].seq;
  }
  const head = await conn.get<{ seq: number; hash: string }>('SELECT seq, hash FROM log_head WHERE id = 1');
  const broken = v.finish(head ?? { seq: 0, hash: GENESIS_HASH });
  return { ok: broken === null, checked: v.checked, brokenAt: broken?.seq ?? null, reason: broken?.reason ?? null };
}
