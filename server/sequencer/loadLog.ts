// Rebuilds the sequencer's state from the stored log: the engine, the outcome
// of every event id ever judged, the districts rows are filed under, and what
// each district receives from outside (links). Run at start and after a failed
// commit, so memory always equals what committed. The newest snapshot, when
// there is one, stands in for the log up to its seq; the rest is replayed.
import { Engine } from '../../shared/engine/engine';
import { parseEventLine } from '../../shared/log/parseLine';
import { parseInstant } from '../../shared/log/instant';
import type { Sql } from '../db/database';
import { DistrictLinks } from '../log/links';
import type { Homes } from '../log/rows';
import { readSnapshot } from './snapshots';

export type StoredOutcome = { seq: number } | { reason: string };

export interface LogState {
  logId: string;
  engine: Engine;
  head: number;
  outcomes: Map<string, StoredOutcome>;
  homes: Homes;
  links: DistrictLinks;
  /** the seq of the snapshot the state started from (0: the whole log was replayed) */
  snapshotSeq: number;
}

const PAGE = 20_000;

export interface LoadOptions {
  /** false: replay the whole log even where a snapshot exists (tests compare the two) */
  useSnapshot?: boolean;
}

export async function loadLog(sql: Sql, options: LoadOptions = {}): Promise<LogState> {
  const [meta] = await sql.query<{ value: string }>(`SELECT value FROM server_meta WHERE key = 'log_id'`);
  const [top] = await sql.query<{ head: number | null }>('SELECT max(seq) AS head FROM events');
  const snapshot = options.useSnapshot === false ? null : await readSnapshot(sql, top?.head ?? 0);
  const engine = snapshot?.engine ?? new Engine({ trackChanges: true, details: false });
  const links = snapshot?.links ?? new DistrictLinks();
  const outcomes = new Map<string, StoredOutcome>();
  const homes: Homes = { applications: new Map(), cases: new Map() };
  let head = snapshot?.seq ?? 0;
  if (snapshot) {
    // The ids and seqs before the snapshot come from their columns: no line is parsed.
    for (let after = 0; after < snapshot.seq; ) {
      const rows = await sql.query<{ seq: number; event_id: string; type: string; district_id: string; subject: string }>(
        `SELECT seq, event_id, type, district_id, subject FROM events WHERE seq > $1 AND seq <= $2
         ORDER BY seq LIMIT $3`,
        [after, snapshot.seq, PAGE],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        outcomes.set(r.event_id, { seq: r.seq });
        if (r.type === 'commission.case_opened') homes.cases.set(r.subject.slice(2), r.district_id);
      }
      after = rows[rows.length - 1].seq;
    }
  }
  for (;;) {
    const rows = await sql.query<{ seq: number; district_id: string; line: string }>(
      'SELECT seq, district_id, line FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [head, PAGE],
    );
    for (const row of rows) {
      if (row.seq !== head + 1) throw new Error(`the log has a gap: seq ${head + 1} is missing before ${row.seq}`);
      head = row.seq;
      const event = parseEventLine(row.line, row.seq);
      engine.ingest(event);
      outcomes.set(event.id, { seq: row.seq });
      if (event.type === 'commission.case_opened' && !homes.cases.has(event.data.caseId)) {
        homes.cases.set(event.data.caseId, row.district_id);
      }
      links.observe(event, engine, row.district_id);
    }
    if (rows.length < PAGE) break;
  }
  // A refusal moved the live engine's clock without an event (its timers fired then):
  // the restarted engine stands where the running one stood.
  const [last] = await sql.query<{ at: string | null }>(
    `SELECT to_char(max(judged_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM refusals`,
  );
  if (last?.at && engine.campaign !== null && parseInstant(last.at) > engine.clock) engine.advanceTo(last.at);
  engine.takeChanges();
  const appHomes = await sql.query<{ district_id: string; application_id: string }>(
    'SELECT district_id, application_id FROM applications',
  );
  for (const r of appHomes) homes.applications.set(r.application_id, r.district_id);
  for (const r of await sql.query<{ event_id: string; reason: string }>('SELECT event_id, reason FROM refusals')) {
    outcomes.set(r.event_id, { reason: r.reason });
  }
  return { logId: meta.value, engine, head, outcomes, homes, links, snapshotSeq: snapshot?.seq ?? 0 };
}
