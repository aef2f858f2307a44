// Shared by the store tests: temp files, and the replay document rebuilt from projection rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReplayOutput } from '../../shared/engine/replay';
import type { Store } from '../../main/store';

export function tempDir(): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-store-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The parts of `kabyl replay`'s document that the projection tables hold (stats aside). */
export async function outputFromProjections(store: Store): Promise<Omit<ReplayOutput, 'stats'>> {
  const apps = await store.dataSource.query(
    'SELECT id, status, reason, school_id, language, stage, basis, privilege, order_number, waitlist_stream, waitlist_position FROM application',
  );
  const streamRows = await store.streams();
  const streamOf = new Map(streamRows.map((s) => [s.key, s]));
  const applications: ReplayOutput['applications'] = {};
  for (const a of apps) {
    const queue = a.waitlist_stream === null ? undefined : streamOf.get(a.waitlist_stream)!;
    applications[a.id] = {
      status: a.status,
      reason: a.reason,
      schoolId: a.school_id,
      language: a.language,
      stage: a.stage,
      basis: a.basis,
      privilege: a.privilege,
      orderNumber: a.order_number,
      waitlist: queue
        ? { schoolId: queue.schoolId, language: queue.language, position: a.waitlist_position }
        : null,
    };
  }
  const streams: ReplayOutput['streams'] = {};
  for (const s of streamRows) {
    streams[s.key] = {
      quota: s.quota,
      occupied: s.occupied,
      free: s.free,
      overflow: s.overflow,
      waitlist: s.waitlist,
    };
  }
  const cases: ReplayOutput['cases'] = {};
  for (const c of await store.cases()) cases[c.id] = { status: c.status };
  const rejections = (await store.rejections(0, 1_000_000)).map((r) => ({
    eventId: r.eventId,
    type: r.type,
    reason: r.reason,
  }));
  return {
    asOf: (await store.campaign())?.lastAt ?? null,
    applications,
    streams,
    cases,
    rejections,
  };
}

export function withoutStats(o: ReplayOutput): Omit<ReplayOutput, 'stats'> {
  const { stats: _stats, ...rest } = o;
  return rest;
}
