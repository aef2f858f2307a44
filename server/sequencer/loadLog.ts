// Rebuilds the sequencer's state from the stored log: the engine, the outcome
// of every event id ever judged, and the districts rows are filed under. Run
// at start and after a failed commit, so memory always equals what committed.
import { Engine } from '../../shared/engine/engine';
import type { LogEvent } from '../../shared/log/events';
import { parseEventLine } from '../../shared/log/parseLine';
import type { Sql } from '../db/database';
import type { Homes } from '../log/rows';

export type StoredOutcome = { seq: number } | { reason: string };

export interface LogState {
  logId: string;
  engine: Engine;
  head: number;
  outcomes: Map<string, StoredOutcome>;
  homes: Homes;
}

const PAGE = 20_000;

export async function loadLog(
  sql: Sql,
  onEvent?: (event: LogEvent, seq: number) => void,
): Promise<LogState> {
  const [meta] = await sql.query<{ value: string }>(`SELECT value FROM server_meta WHERE key = 'log_id'`);
  const engine = new Engine({ trackChanges: true, details: false });
  const outcomes = new Map<string, StoredOutcome>();
  const homes: Homes = { applications: new Map(), cases: new Map() };
  let head = 0;
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
      onEvent?.(event, row.seq);
      outcomes.set(event.id, { seq: row.seq });
      if (event.type === 'commission.case_opened') homes.cases.set(event.data.caseId, row.district_id);
    }
    if (rows.length < PAGE) break;
  }
  engine.takeChanges();
  const appHomes = await sql.query<{ district_id: string; application_id: string }>(
    'SELECT district_id, application_id FROM applications',
  );
  for (const r of appHomes) homes.applications.set(r.application_id, r.district_id);
  for (const r of await sql.query<{ event_id: string; reason: string }>('SELECT event_id, reason FROM refusals')) {
    outcomes.set(r.event_id, { reason: r.reason });
  }
  return { logId: meta.value, engine, head, outcomes, homes };
}
