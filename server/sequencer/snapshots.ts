// Server snapshots: the sequencer's engine and district links at a committed
// seq, so a restart restores them and replays only the log after it. The log
// stays the reference: a snapshot is only a shortcut to the state a replay of
// its prefix gives (tests/server/snapshots.test.ts checks exactly that), and
// one that cannot be read is skipped, never trusted in part.
import { Engine, type EngineSnapshot } from '../../shared/engine/engine';
import type { Sql } from '../db/database';
import { DistrictLinks, type LinksSnapshot } from '../log/links';

const FORMAT = 1;

interface SnapshotBody {
  format: typeof FORMAT;
  seq: number;
  engine: EngineSnapshot;
  links: LinksSnapshot;
}

/** How many snapshots are kept: the newest, and one before it in case the newest is unreadable. */
const KEEP = 2;

export async function writeSnapshot(sql: Sql, seq: number, engine: Engine, links: DistrictLinks): Promise<void> {
  const body: SnapshotBody = { format: FORMAT, seq, engine: engine.snapshot(), links: links.snapshot() };
  await sql.query('INSERT INTO snapshots (seq, body) VALUES ($1, $2) ON CONFLICT (seq) DO NOTHING', [
    seq,
    JSON.stringify(body),
  ]);
  await sql.query(
    `DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ${KEEP})`,
  );
}

export interface RestoredState {
  seq: number;
  engine: Engine;
  links: DistrictLinks;
}

/** The newest readable snapshot at or below `head`, restored; null when there is none. */
export async function readSnapshot(sql: Sql, head: number): Promise<RestoredState | null> {
  const rows = await sql.query<{ seq: number; body: string }>(
    'SELECT seq, body FROM snapshots WHERE seq <= $1 ORDER BY seq DESC LIMIT $2',
    [head, KEEP],
  );
  for (const row of rows) {
    try {
      const body = JSON.parse(row.body) as SnapshotBody;
      if (body.format !== FORMAT || body.seq !== row.seq) continue;
      const engine = Engine.restore(body.engine, { trackChanges: true, details: false }, true);
      return { seq: row.seq, engine, links: DistrictLinks.restore(body.links) };
    } catch {
      // unreadable: try the one before, then the log itself
    }
  }
  return null;
}
