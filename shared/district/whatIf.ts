// What-if quotas: replay the campaign as if some streams had other seats from
// the start, and show whose outcome would change. Nothing is written; the
// officer applies the quotas for real (quota.set events) only if convinced.
import { Engine } from '../engine/engine';
import { streamKey } from '../engine/model';
import type { LogEvent } from '../log/events';

export interface QuotaOverride {
  schoolId: string;
  language: string;
  seats: number;
}

export interface OutcomeChange {
  applicationId: string;
  childName: string;
  before: { status: string; reason: string | null; schoolId: string; language: string };
  after: { status: string; reason: string | null; schoolId: string; language: string };
}

export interface WhatIfResult {
  changes: OutcomeChange[];
  /** newly placed (refused or absent before, holding a seat after) */
  gained: number;
  /** losing a seat they held before */
  lost: number;
  streams: {
    key: string;
    quotaBefore: number;
    quotaAfter: number;
    occupiedBefore: number;
    occupiedAfter: number;
  }[];
}

const HOLDS_SEAT = new Set(['registered', 'documents_received', 'enrolled']);

/**
 * `events` is the whole log in order. Every `quota.set` of an overridden
 * stream takes the override's seats, and a stream that had no quota gets one
 * right after its school's first registration.
 */
export function whatIfQuotas(events: Iterable<LogEvent>, overrides: QuotaOverride[]): WhatIfResult {
  const actual = new Engine();
  const sandbox = new Engine();
  const feed = sandboxFeeder(sandbox, overrides);
  for (const e of events) {
    actual.ingest(e);
    feed(e);
  }
  return compareOutcomes(actual, sandbox, overrides);
}

/** Feeds a sandbox engine the log one event at a time, with the overridden quotas. */
export function sandboxFeeder(sandbox: Engine, overrides: QuotaOverride[]): (e: LogEvent) => void {
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
        sandbox.ingest({
          id: `what-if:${key}`,
          type: 'quota.set',
          at: e.at,
          data: { schoolId: o.schoolId, language: o.language, seats: o.seats },
        });
      }
    }
  };
}

/**
 * The real outcomes compareOutcomes reads: an Engine, or the same read from the
 * store's projection rows (main/store/whatIf/storedWhatIf.ts).
 */
export interface ActualOutcomes {
  applications: ReadonlyMap<
    string,
    { status: string; reason: string | null; schoolId: string; language: string }
  >;
  streams: ReadonlyMap<string, { quota: number; occupied: number }>;
}

/** Whose outcome differs between the real fold (`actual`) and the sandbox, and the streams that moved. */
export function compareOutcomes(
  actual: ActualOutcomes,
  sandbox: Engine,
  overrides: QuotaOverride[],
): WhatIfResult {
  const wanted = new Set(overrides.map((o) => streamKey(o.schoolId, o.language)));
  const changes: OutcomeChange[] = [];
  let gained = 0,
    lost = 0;
  for (const after of sandbox.applications.values()) {
    const before = actual.applications.get(after.id);
    const b = before ?? {
      status: 'absent',
      reason: null,
      schoolId: after.schoolId,
      language: after.language,
    };
    if (
      b.status === after.status &&
      b.schoolId === after.schoolId &&
      b.language === after.language &&
      b.reason === after.reason
    )
      continue;
    const held = HOLDS_SEAT.has(b.status),
      holds = HOLDS_SEAT.has(after.status);
    if (!held && holds) gained++;
    if (held && !holds) lost++;
    changes.push({
      applicationId: after.id,
      childName: after.childName,
      before: { status: b.status, reason: b.reason, schoolId: b.schoolId, language: b.language },
      after: {
        status: after.status,
        reason: after.reason,
        schoolId: after.schoolId,
        language: after.language,
      },
    });
  }
  const streams = [...sandbox.streams.values()]
    .filter((s) => wanted.has(s.key) || actual.streams.get(s.key)?.occupied !== s.occupied)
    .map((s) => {
      const a = actual.streams.get(s.key);
      return {
        key: s.key,
        quotaBefore: a?.quota ?? 0,
        quotaAfter: s.quota,
        occupiedBefore: a?.occupied ?? 0,
        occupiedAfter: s.occupied,
      };
    });
  return { changes, gained, lost, streams };
}
