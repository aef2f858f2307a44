// The what-if of shared/district/whatIf.ts straight from a store file, for a
// worker thread (whatIfWorker.ts): on the republic store the log read through
// TypeORM, the replay on the main thread and the second replay of the "before"
// side cost 12-26 s; here the bodies come from raw sqlite3 in large pages (the
// next one read by SQLite's thread while this one is replayed), and the "before"
// side is not replayed at all: it is the projection rows, read in the SAME read
// transaction as the events, so both sides are about one and the same log even
// while writes go on.
import { Engine } from '../../../shared/engine/engine';
import {
  type ActualOutcomes,
  type QuotaOverride,
  type WhatIfResult,
  compareOutcomes,
  sandboxFeeder,
} from '../../../shared/district/whatIf';
import type { LogEvent } from '../../../shared/log/events';
import { ReadOnly } from './readOnlyDb';

const PAGE = 20_000;

export interface StoredWhatIf {
  result: WhatIfResult;
  /** events replayed: the log up to the head the read transaction saw */
  events: number;
}

/** Replays the stored log with the overridden quotas and compares it with the stored outcomes. */
export async function whatIfOnStoreFile(
  file: string,
  overrides: QuotaOverride[],
): Promise<StoredWhatIf> {
  const db = await ReadOnly.open(file);
  try {
    await db.run('PRAGMA busy_timeout = 30000');
    // One read transaction: the events and the projections are one committed state.
    await db.run('BEGIN');
    try {
      const [head] = await db.all<{ seq: number }>('SELECT seq FROM log_head WHERE id = 1');
      const last = head?.seq ?? 0;
      const sandbox = new Engine();
      const feed = sandboxFeeder(sandbox, overrides);
      const page = (after: number) =>
        db.all<{ seq: number; body: string }>(
          'SELECT seq, body FROM event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
          [after, last, PAGE],
        );
      let next = page(0);
      let seen = 0;
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        const end = rows[rows.length - 1]!.seq;
        // SQLite reads the next page on its own thread while this one is replayed.
        next = end < last ? page(end) : Promise.resolve([]);
        for (const r of rows) feed(JSON.parse(r.body) as LogEvent);
        seen += rows.length;
      }
      if (seen !== last) throw new Error(`the log head says ${last} events, but ${seen} were read`);
      return {
        result: compareOutcomes(await storedOutcomes(db), sandbox, overrides),
        events: last,
      };
    } finally {
      await db.run('ROLLBACK').catch(() => undefined);
    }
  } finally {
    await db.close();
  }
}

/** The real outcomes, from the projection rows (the engine's own, written with each event). */
async function storedOutcomes(db: ReadOnly): Promise<ActualOutcomes> {
  const apps = await db.all<{
    id: string;
    status: string;
    reason: string | null;
    school_id: string;
    language: string;
  }>('SELECT id, status, reason, school_id, language FROM application');
  const streams = await db.all<{ key: string; quota: number; occupied: number }>(
    'SELECT key, quota, occupied FROM stream',
  );
  return {
    applications: new Map(
      apps.map((a) => [
        a.id,
        { status: a.status, reason: a.reason, schoolId: a.school_id, language: a.language },
      ]),
    ),
    streams: new Map(streams.map((s) => [s.key, { quota: s.quota, occupied: s.occupied }])),
  };
}
