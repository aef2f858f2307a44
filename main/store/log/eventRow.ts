// One stored event: its columns, the id it is "about" (the child's history
// screen looks events up by it), and the batch statement that writes them.
import type { LogEvent } from '../../../shared/log/events';
import type { Reason } from '../../../shared/engine/reasons';
import type { Connection } from '../sql/connection';

export const EVENT_COLUMNS = ['seq', 'id', 'type', 'at', 'actor_role', 'actor_id', 'subject_id', 'body', 'outcome', 'hash'] as const;

/** The application, case or school an event concerns: its history key. */
export function subjectOf(event: LogEvent): string | null {
  const d = event.data as { applicationId?: string; caseId?: string; schoolId?: string };
  return d.applicationId ?? d.caseId ?? d.schoolId ?? null;
}

/**
 * An event's row as staged for writing: every column but the body, whose byte
 * range in the batch's blob (columns 7 and 8) writeEvents fills in.
 */
export type StagedRow = [number, string, string, string, string | null, string | null, string | null, number, number, Reason | null, string];

export function stagedRow(seq: number, event: LogEvent, outcome: Reason | null, hash: string): StagedRow {
  return [seq, event.id, event.type, event.at, event.actor?.role ?? null, event.actor?.id ?? null, subjectOf(event), 0, 0, outcome, hash];
}

/**
 * One statement per batch. The small columns travel as one JSON array; the
 * bodies as one UTF-8 blob cut by byte offsets, so they are neither escaped
 * into JSON nor parsed back out of it. (Projection rows are packed instead,
 * sql/packedRows.ts: that is cheaper for SQLite's thread but costs this
 * thread a little more, and while events stream in, this thread is the one
 * an import waits for.)
 */
const INSERT_EVENTS = `INSERT INTO "event" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')})
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
    CAST(substr(?2, value ->> 7, value ->> 8) AS TEXT), value ->> 9, value ->> 10
  FROM json_each(?1) WHERE true`;

export function writeEvents(conn: Connection, rows: StagedRow[], bodies: string[]): Promise<void> {
  // Bodies are single lines, so a newline separates them in the blob; its
  // positions (found natively) give each body's byte range.
  const blob = Buffer.from(bodies.join('\n'), 'utf8');
  let start = 0;
  for (const row of rows) {
    let end = blob.indexOf(10, start);
    if (end < 0) end = blob.length;
    row[7] = start + 1;
    row[8] = end - start;
    start = end + 1;
  }
  return conn.runPrepared(INSERT_EVENTS, [JSON.stringify(rows), blob]);
}
