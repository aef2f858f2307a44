// The audit: the stored log filtered by actor, type and Bishkek days, and the
// full check (projections against a replay, the hash chain walked end to end).
import type { Res } from '../../../shared/ipc/contract';
import { parseInstant } from '../../../shared/log/instant';
import type { StoreReads } from '../storeReads';
import { invalid } from '../errors';
import { requireStore, type ServiceContext } from '../context';

interface AuditRequest {
  type?: string;
  actorRole?: string;
  actorId?: string;
  from?: string;
  to?: string;
  afterSeq?: number;
  limit?: number;
}

/** Midnight starting a Bishkek calendar day (UTC+06:00, no daylight saving). */
function bishkekMidnight(day: string, field: string): number {
  const ms = Date.parse(`${day}T00:00:00+06:00`);
  if (Number.isNaN(ms) || new Date(ms + 6 * 3600_000).toISOString().slice(0, 10) !== day)
    throw invalid(`${field}: ${day} is not a calendar date`);
  return ms;
}

/**
 * The first seq whose `at` is at or after `ms` (head + 1 if none). The log is in
 * time order (FORMATS.md: an event never comes before the previous one), so a
 * date range is a seq range: a binary search of ~20 primary-key lookups, exact
 * for any offset an instant was written with, with no index on `at` needed.
 */
export async function firstSeqAtOrAfter(store: StoreReads, ms: number): Promise<number> {
  const head = (await store.head()).seq;
  let lo = 1;
  let hi = head + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [e] = await store.events({ afterSeq: mid - 1, limit: 1 });
    if (e && parseInstant(e.at) >= ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export async function auditEvents(
  req: AuditRequest,
  ctx: ServiceContext,
): Promise<Res<'audit.events'>> {
  const store = requireStore(ctx).reads;
  let lower = 0;
  let upper: number | undefined;
  if (req.from !== undefined)
    lower = (await firstSeqAtOrAfter(store, bishkekMidnight(req.from, 'from'))) - 1;
  if (req.to !== undefined)
    upper = (await firstSeqAtOrAfter(store, bishkekMidnight(req.to, 'to') + 86_400_000)) - 1;
  if (req.from !== undefined && req.to !== undefined && req.from > req.to)
    throw invalid(`to: ${req.to} is before from: ${req.from}`);
  const filter = {
    ...(req.type !== undefined ? { type: req.type } : {}),
    ...(req.actorRole !== undefined ? { actorRole: req.actorRole } : {}),
    ...(req.actorId !== undefined ? { actorId: req.actorId } : {}),
    ...(upper !== undefined ? { beforeSeq: upper } : {}),
  };
  const limit = req.limit ?? 200;
  // Without a type or actor filter the total is arithmetic: seq is gapless from 1,
  // and counting 400k rows of a table that holds every event body costs ~150 ms.
  const unfiltered =
    req.type === undefined && req.actorRole === undefined && req.actorId === undefined;
  const head = unfiltered ? (await store.head()).seq : 0;
  const [total, rows] = await Promise.all([
    unfiltered
      ? Promise.resolve(Math.max(0, (upper ?? head) - lower))
      : store.countEvents({ ...filter, afterSeq: lower }),
    store.events({ ...filter, afterSeq: Math.max(lower, req.afterSeq ?? 0), limit }),
  ]);
  return {
    total,
    rows: rows.map((e) => ({
      seq: e.seq,
      id: e.id,
      type: e.type,
      at: e.at,
      actorRole: e.actorRole,
      actorId: e.actorId,
      subjectId: e.subjectId,
      outcome: e.outcome,
      hash: e.hash,
    })),
    nextAfterSeq: rows.length === limit ? rows[rows.length - 1]!.seq : null,
  };
}

/** At most this many differences cross IPC; the count says how many there were. */
const MAX_DIFFERENCES = 200;

export async function auditVerify(_req: object, ctx: ServiceContext): Promise<Res<'audit.verify'>> {
  const store = requireStore(ctx).reads;
  const started = performance.now();
  // One after the other: each reads in a snapshot of its own, and the chain walk
  // is cheap next to the replay.
  const projections = await store.verifyProjections();
  const chain = await store.verifyChain();
  return {
    ms: Math.round(performance.now() - started),
    events: projections.events,
    projections: {
      ok: projections.mismatches.length === 0,
      count: projections.mismatches.length,
      differences: projections.mismatches
        .slice(0, MAX_DIFFERENCES)
        .map((m) => ({ table: m.table, key: m.key, problem: m.problem, columns: m.columns ?? [] })),
    },
    chain: {
      ok: chain.ok,
      checked: chain.checked,
      brokenAt: chain.brokenAt,
      reason: chain.reason,
      columns: chain.columns ?? [],
      rewrittenBy: chain.rewrittenBy,
      anchor: chain.anchor,
      anchorProtection: chain.anchorProtection,
    },
  };
}
