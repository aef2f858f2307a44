// One stored event: its columns, and the id it is "about" (the child's history
// screen looks events up by it).
import type { LogEvent } from '../../../shared/log/events';
import type { Row } from '../projection/tables';

export const EVENT_COLUMNS = ['seq', 'id', 'type', 'at', 'actor_role', 'actor_id', 'subject_id', 'body', 'outcome', 'hash', 'prev_hash'] as const;

/** The application, case or school an event concerns: its history key. */
export function subjectOf(event: LogEvent): string | null {
  const d = event.data as { applicationId?: string; caseId?: string; schoolId?: string };
  return d.applicationId ?? d.caseId ?? d.schoolId ?? null;
}

export function eventRow(seq: number, event: LogEvent, body: string, outcome: string | null, hash: string, prevHash: string): Row {
  return [seq, event.id, event.type, event.at, event.actor?.role ?? null, event.actor?.id ?? null, subjectOf(event), body, outcome, hash, prevHash];
}
