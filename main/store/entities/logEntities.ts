// The campaign log as stored: the source of truth, append-only (migration EventLog).
// Entities describe the tables for TypeORM's reads; the migrations create them.
import { EntitySchema } from 'typeorm';

export interface EventRecord {
  seq: number;
  id: string;
  type: string;
  at: string;
  actorRole: string | null;
  actorId: string | null;
  subjectId: string | null;
  body: string;
  outcome: string | null;
  hash: string;
}

export const EventEntity = new EntitySchema<EventRecord>({
  name: 'Event',
  tableName: 'event',
  columns: {
    seq: { type: 'integer', primary: true },
    id: { type: 'text', unique: true },
    type: { type: 'text' },
    at: { type: 'text' },
    actorRole: { type: 'text', name: 'actor_role', nullable: true },
    actorId: { type: 'text', name: 'actor_id', nullable: true },
    subjectId: { type: 'text', name: 'subject_id', nullable: true },
    body: { type: 'text' },
    outcome: { type: 'text', nullable: true },
    hash: { type: 'text' },
  },
  indices: [{ name: 'idx_event_subject', columns: ['subjectId'] }],
});

/** The end of the chain, kept apart so that deleting the last events is detected too. */
export interface LogHeadRecord {
  id: number;
  seq: number;
  hash: string;
  at: string | null;
}

export const LogHeadEntity = new EntitySchema<LogHeadRecord>({
  name: 'LogHead',
  tableName: 'log_head',
  columns: {
    id: { type: 'integer', primary: true },
    seq: { type: 'integer' },
    hash: { type: 'text' },
    at: { type: 'text', nullable: true },
  },
});
