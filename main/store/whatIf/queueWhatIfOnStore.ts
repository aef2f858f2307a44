// The what-if from the queue (shared/district/queueWhatIf.ts) straight from a
// store file, for the what-if worker: the engine as the log stands, then one
// hypothetical quota raise folded into it. The engine starts from the store's
// snapshot file when that is the fold of a prefix of this very log (same seq,
// same chain hash), else from a replay; either way the events come from one
// read transaction, so a write landing meanwhile is either wholly in or out.
import { Engine } from '../../../shared/engine/engine';
import {
  type QueueRaise,
  type QueueWhatIfResult,
  raiseAndPlace,
} from '../../../shared/district/queueWhatIf';
import type { LogEvent } from '../../../shared/log/events';
import { readSnapshotFile } from '../snapshot/engineSnapshotFile';
import { ReadOnly } from './readOnlyDb';

const PAGE = 20_000;

export interface StoredQueueWhatIf {
  result: QueueWhatIfResult;
  /** events folded: the log up to the head the read transaction saw */
  events: number;
  /** events replayed on top of the snapshot (all of them when there was none) */
  replayed: number;
}

export async function queueWhatIfOnStoreFile(
  file: string,
  raise: QueueRaise,
  at: string,
): Promise<StoredQueueWhatIf> {
  const db = await ReadOnly.open(file);
  try {
    await db.run('PRAGMA busy_timeout = 30000');
    await db.run('BEGIN');
    try {
      const [head] = await db.all<{ seq: number }>('SELECT seq FROM log_head WHERE id = 1');
      const last = head?.seq ?? 0;
      let engine = new Engine();
      let from = 0;
      const snapshot = await readSnapshotFile(file);
      if (snapshot.ok && snapshot.head.seq <= last) {
        const [row] = await db.all<{ hash: string }>('SELECT hash FROM event WHERE seq = ?', [
          snapshot.head.seq,
        ]);
        // The same seq with another hash is another log: replay instead.
        if (row?.hash === snapshot.head.hash)
          (engine = snapshot.engine), (from = snapshot.head.seq);
      }
      const page = (after: number) =>
        db.all<{ seq: number; body: string }>(
          'SELECT seq, body FROM event WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
          [after, last, PAGE],
        );
      let next = page(from);
      let seen = from;
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        const end = rows[rows.length - 1]!.seq;
        next = end < last ? page(end) : Promise.resolve([]);
        for (const r of rows) engine.ingest(JSON.parse(r.body) as LogEvent);
        seen += rows.length;
      }
      if (seen !== last) throw new Error(`the log head says ${last} events, but ${seen} were read`);
      return { result: raiseAndPlace(engine, raise, at), events: last, replayed: last - from };
    } finally {
      await db.run('ROLLBACK').catch(() => undefined);
    }
  } finally {
    await db.close();
  }
}
