// One stored event: its columns, the id it is "about" (the child's history
// screen looks events up by it), and the batch statement that writes them.
import type { LogEvent } from '../../../shared/log/events';
import type { Reason } from '../../../shared/engine/reasons';
import { type Connection, packedInsertSql } from '../sql/connection';
import { packRows, packedParams } from '../sql/packedRows';
import { EVENT } from '../entities';
import type { RowWith } from '../entities/defineTable';

/** The event table's columns, from its entity (main/store/entities/logEntities.ts). */
export const EVENT_COLUMNS = EVENT.columns;

/** The application, case or school an event concerns: its history key. */
export function subjectOf(event: LogEvent): string | null {
  const d = event.data as { applicationId?: string; caseId?: string; schoolId?: string };
  return d.applicationId ?? d.caseId ?? d.schoolId ?? null;
}

/** An event's row as staged for writing: EVENT_COLUMNS' values, the body as its UTF-8 bytes. */
export type StagedRow = RowWith<typeof EVENT.defs, 'body', Uint8Array>;

export function stagedRow(
  seq: number,
  event: LogEvent,
  body: Uint8Array,
  outcome: Reason | null,
  hash: string,
): StagedRow {
  return [
    seq,
    event.id,
    event.type,
    event.at,
    event.actor?.role ?? null,
    event.actor?.id ?? null,
    subjectOf(event),
    body,
    outcome,
    hash,
  ];
}

/** One statement per batch, its rows packed (sql/packedRows.ts): bodies are copied as bytes, never escaped or parsed. */
export function writeEvents(conn: Connection, rows: StagedRow[]): Promise<void> {
  return conn.runPrepared(
    packedInsertSql('event', EVENT_COLUMNS),
    packedParams(packRows(rows, EVENT_COLUMNS.length)),
  );
}
