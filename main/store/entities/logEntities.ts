// The campaign log as stored: the source of truth, append-only (migration EventLog).
import type { Reason } from '../../../shared/engine/reasons';
import { col, defineTable, type RecordOf } from './defineTable';

export const EVENT = defineTable(
  'Event',
  'event',
  [
    col.integer('seq', { primary: true }),
    col.text('id', { unique: true }),
    col.text('type'),
    col.text('at'),
    col.textOrNull('actorRole'),
    col.textOrNull('actorId'),
    /** the application, case or school the event is about: a child's history looks events up by it */
    col.textOrNull('subjectId'),
    /** the event exactly as it came */
    col.text('body'),
    /** the reason the engine refused it, or null */
    col.textOrNull<'outcome', Reason>('outcome'),
    col.text('hash'),
  ],
  [
    { name: 'idx_event_subject', columns: ['subjectId'] },
    // the audit filters the log by type or by actor
    { name: 'idx_event_type', columns: ['type'] },
    { name: 'idx_event_actor', columns: ['actorId'] },
  ],
);
export type EventRecord = RecordOf<typeof EVENT.defs>;
export const EventEntity = EVENT.entity;

/** The end of the chain, kept apart so that deleting the last events is detected too. */
export const LOG_HEAD = defineTable('LogHead', 'log_head', [
  col.integer('id', { primary: true }),
  col.integer('seq'),
  col.text('hash'),
  col.textOrNull('at'),
]);
export type LogHeadRecord = RecordOf<typeof LOG_HEAD.defs>;
export const LogHeadEntity = LOG_HEAD.entity;
