// The what-if of shared/district/whatIf.ts, with one replay instead of two: the
// "before" side is the store's live engine, which is already the fold of the very
// log being replayed, so replaying it a second time (as whatIfQuotas must, given
// only events) costs half the time for nothing. On the 200k-children store that is
// several seconds of a blocked main process. tests/services/quotasWhatIf.test.ts
// checks that both give the same answer, so the two cannot drift apart silently.
import { Engine } from '../../../shared/engine/engine';
import { type QuotaOverride, type WhatIfResult, compareOutcomes as compare, sandboxFeeder } from '../../../shared/district/whatIf';
import type { LogEvent } from '../../../shared/log/events';

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
