// The what-if of shared/district/whatIf.ts, with one replay instead of two: the
// "before" side is the store's live engine, which is already the fold of the very
// log being replayed, so replaying it a second time (as whatIfQuotas must, given
// only events) costs half the time for nothing. On the 200k-children store that is
// several seconds of a blocked main process. tests/services/quotasWhatIf.test.ts
// checks that both give the same answer, so the two cannot drift apart silently.
import { Engine } from '../../../shared/engine/engine';
import { streamKey } from '../../../shared/engine/model';
import type { QuotaOverride, WhatIfResult, OutcomeChange } from '../../../shared/district/whatIf';
import type { LogEvent } from '../../../shared/log/events';

const HOLDS_SEAT = new Set(['registered', 'documents_received', 'enrolled']);

/** `actual` must be the fold of exactly `events` (the store's engine after its last write); it is only read. */
export function whatIfAgainst(actual: Engine, events: Iterable<LogEvent>, overrides: QuotaOverride[]): WhatIfResult {
  const sandbox = new Engine();
  const feed = sandboxFeeder(sandbox, overrides);
  for (const e of events) feed(e);
  return compare(actual, sandbox, overrides);
}

/**
 * The same, with the sandbox replay cut into slices that give the event loop back
 * (a 200k-children log takes seconds: the dashboard and other callers keep being
 * answered meanwhile). A write that lands during the replay moves the live engine
 * past `events`; then the "before" side is replayed too (whatIfQuotas's way), so
 * the answer is always about one consistent log.
 */
export async function whatIfAgainstLive(live: Engine, events: LogEvent[], overrides: QuotaOverride[], slice = 10_000): Promise<WhatIfResult> {
  const sandbox = new Engine();
  const feed = sandboxFeeder(sandbox, overrides);
  for (let i = 0; i < events.length; i++) {
    feed(events[i]!);
    if ((i + 1) % slice === 0) await new Promise((r) => setImmediate(r));
  }
  if (live.stats.events === events.length) return compare(live, sandbox, overrides);
  const actual = new Engine();
  for (let i = 0; i < events.length; i++) {
    actual.ingest(events[i]!);
    if ((i + 1) % slice === 0) await new Promise((r) => setImmediate(r));
  }
  return compare(actual, sandbox, overrides);
}

/** Feeds the sandbox one stored event at a time, with the overridden quotas. */
function sandboxFeeder(sandbox: Engine, overrides: QuotaOverride[]): (e: LogEvent) => void {
  const wanted = new Map(overrides.map((o) => [streamKey(o.schoolId, o.language), o]));
  const seeded = new Set<string>();
  return (e) => {
    if (e.type === 'quota.set') {
      const o = wanted.get(streamKey(e.data.schoolId, e.data.language));
      sandbox.ingest(o ? ({ ...e, data: { ...e.data, seats: o.seats } } as LogEvent) : e);
      return;
    }
    sandbox.ingest(e);
    if (e.type === 'school.registered') {
      for (const o of overrides) {
        const key = streamKey(o.schoolId, o.language);
        if (o.schoolId !== e.data.schoolId || seeded.has(key) || sandbox.streams.has(key)) continue;
        seeded.add(key);
        sandbox.ingest({ id: `what-if:${key}`, type: 'quota.set', at: e.at, data: { schoolId: o.schoolId, language: o.language, seats: o.seats } });
      }
    }
  };
}

function compare(actual: Engine, sandbox: Engine, overrides: QuotaOverride[]): WhatIfResult {
  const wanted = new Set(overrides.map((o) => streamKey(o.schoolId, o.language)));
  const changes: OutcomeChange[] = [];
  let gained = 0, lost = 0;
  for (const after of sandbox.applications.values()) {
    const before = actual.applications.get(after.id);
    const b = before ?? { status: 'absent', reason: null, schoolId: after.schoolId, language: after.language };
    if (b.status === after.status && b.schoolId === after.schoolId && b.language === after.language && b.reason === after.reason) continue;
    const held = HOLDS_SEAT.has(b.status), holds = HOLDS_SEAT.has(after.status);
    if (!held && holds) gained++;
    if (held && !holds) lost++;
    changes.push({
      applicationId: after.id,
      childName: after.childName,
      before: { status: b.status, reason: b.reason, schoolId: b.schoolId, language: b.language },
      after: { status: after.status, reason: after.reason, schoolId: after.schoolId, language: after.language },
    });
  }
  const streams = [...sandbox.streams.values()]
    .filter((s) => wanted.has(s.key) || actual.streams.get(s.key)?.occupied !== s.occupied)
    .map((s) => {
      const a = actual.streams.get(s.key);
      return { key: s.key, quotaBefore: a?.quota ?? 0, quotaAfter: s.quota, occupiedBefore: a?.occupied ?? 0, occupiedAfter: s.occupied };
    });
  return { changes, gained, lost, streams };
}
