// One stored event: its columns, the id it is "about" (the child's history
// screen looks events up by it), and the batch statement that writes them.
import type { LogEvent } from '../../../shared/log/events';
import type { Reason } from '../../../shared/engine/reasons';
import type { Connection } from '../sql/connection';

export const EVENT_COLUMNS = ['seq', 'id', 'type', 'at', 'actor_role', 'actor_id', 'subject_id', 'body', 'outcome', 'hash', 'prev_hash'] as const;

/** The application, case or school an event concerns: its history key. */
export function subjectOf(event: LogEvent): string | null {
  const d = event.data as { applicationId?: string; caseId?: string; schoolId?: string };
  return d.applicationId ?? d.caseId ?? d.schoolId ?? null;
}

export interface StagedEvent {
  seq: number;
  event: LogEvent;
  /** the exact text, as received */
  body: string;
  outcome: Reason | null;
  hash: string;
  prevHash: string;
}

/**
 * One statement per batch. The small columns travel as one JSON array (binding
 * values one by one through node-sqlite3 costs about a microsecond each on the
 * JS thread); the bodies travel as one UTF-8 blob cut by byte offsets, so they
 * are neither escaped into JSON nor parsed back out of it.
 */
const INSERT_EVENTS = `INSERT INTO "event" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')})
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
    CAST(substr(?2, value ->> 7, value ->> 8) AS TEXT), value ->> 9, value ->> 10, value ->> 11
  FROM json_each(?1) WHERE true`;

export function writeEvents(conn: Connection, batch: readonly StagedEvent[]): Promise<void> {
  const meta: unknown[] = [];
  const bodies: string[] = [];
  let offset = 1;
  for (const s of batch) {
    const e = s.event;
    const bytes = Buffer.byteLength(s.body, 'utf8');
    meta.push([s.seq, e.id, e.type, e.at, e.actor?.role ?? null, e.actor?.id ?? null, subjectOf(e), offset, bytes, s.outcome, s.hash, s.prevHash]);
    bodies.push(s.body);
    offset += bytes;
  }
  return conn.run(INSERT_EVENTS, [JSON.stringify(meta), Buffer.from(bodies.join(''), 'utf8')]);
}
