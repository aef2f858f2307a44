// The desktop's side of sync (docs/sync.md, "The desktop"): where the store
// stands against the server, the events judged here that the server has not
// confirmed yet, and the ones it refused. Written by main/store/sync/.
import { col, defineTable, type RecordOf } from './defineTable';

/** One row once the store is connected to a server; none for the demo or an offline district. */
export const SYNC_STATE = defineTable('SyncState', 'sync_state', [
  col.integer('id', { primary: true }),
  col.text('serverUrl'),
  col.text('deviceId'),
  col.text('districtId'),
  /** the pull cursor as the server gave it; null before the first pull */
  col.textOrNull('cursor'),
  /** the local seq of the last event that came from the server: the rest of the log is pending */
  col.integer('prefixSeq'),
  /** when a push or pull last succeeded */
  col.textOrNull('lastSyncAt'),
]);
export type SyncStateRecord = RecordOf<typeof SYNC_STATE.defs>;

/** An event judged locally and not yet confirmed by the server, in the order it was made. */
export const SYNC_PENDING = defineTable('SyncPending', 'sync_pending', [
  col.text('id', { primary: true }),
  col.integer('position', { unique: true }),
  /** the event exactly as recorded here (the device's time): what is pushed */
  col.text('body'),
  /** the seq the server gave it, once a push was answered; the pull then brings it home */
  col.integerOrNull('ackedSeq'),
]);
export type SyncPendingRecord = RecordOf<typeof SYNC_PENDING.defs>;

/** A pending event the server refused: kept, never silently dropped (docs/sync.md). */
export const SYNC_CONFLICT = defineTable(
  'SyncConflict',
  'sync_conflict',
  [
    col.text('id', { primary: true }),
    col.text('type'),
    col.textOrNull('actorRole'),
    col.textOrNull('actorId'),
    /** the application, case or school it was about */
    col.textOrNull('subjectId'),
    /** the device's time of the decision */
    col.text('recordedAt'),
    /** the engine's reason code, or the server's error code for an event it would not judge */
    col.text('reason'),
    col.textOrNull('message'),
    col.text('body'),
    /** when this desktop learnt of the refusal */
    col.text('refusedAt'),
    /** when a user marked it as dealt with; the shell counts the others */
    col.textOrNull('seenAt'),
  ],
  [{ name: 'idx_sync_conflict_refused', columns: ['refusedAt'] }],
);
export type SyncConflictRecord = RecordOf<typeof SYNC_CONFLICT.defs>;
