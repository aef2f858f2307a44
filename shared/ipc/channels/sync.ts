// Sync with the central server (docs/sync.md, "The desktop"): connect a real
// district with a server URL and a one-time enrolment code, the status the shell
// shows at all times, the events not yet confirmed, and the conflicts list.
import { z } from 'zod';
import { channel, everyone, id, instant } from '../channel';

export const syncStatusSchema = z.object({
  /** false for the demo and a district never connected */
  connected: z.boolean(),
  serverUrl: z.string().nullable(),
  districtId: z.string().nullable(),
  pending: z.number().int(),
  /** conflicts nobody has marked as seen yet */
  conflicts: z.number().int(),
  online: z.boolean(),
  /** since when the server cannot be reached (null while it can) */
  offlineSince: instant.nullable(),
  lastSyncAt: instant.nullable(),
  /** a problem other than being offline: a revoked token, a server whose log was replaced */
  error: z.string().nullable(),
});
export type SyncStatusDto = z.infer<typeof syncStatusSchema>;

export const pendingEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** the application, case or school it is about */
  subjectId: z.string().nullable(),
  at: instant,
  actorId: z.string().nullable(),
});

export const syncConflictSchema = z.object({
  id: z.string(),
  type: z.string(),
  actorRole: z.string().nullable(),
  actorId: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** the device's time of the decision */
  recordedAt: instant,
  /** an engine reason code (translated like any refusal) or a protocol error code */
  reason: z.string(),
  message: z.string().nullable(),
  refusedAt: instant,
  seenAt: instant.nullable(),
});
export type SyncConflictDto = z.infer<typeof syncConflictSchema>;

export const syncChannels = {
  'sync.status': channel(everyone, z.strictObject({}), syncStatusSchema),
  /** District officer of an empty real district: enrol this desktop and start syncing. */
  'sync.connect': channel(
    ['district'],
    z.strictObject({
      serverUrl: z.string().trim().min(1).max(500),
      code: z.string().trim().min(4).max(64),
      deviceName: z.string().trim().min(1).max(120).optional(),
    }),
    syncStatusSchema,
  ),
  /** Events decided here that the server has not confirmed yet (a director: their own). */
  'sync.pending': channel(
    everyone,
    z.strictObject({}),
    z.object({ events: z.array(pendingEventSchema) }),
  ),
  /** Pending events the server refused, newest first (a director: their own). */
  'sync.conflicts': channel(
    everyone,
    z.strictObject({}),
    z.object({ conflicts: z.array(syncConflictSchema) }),
  ),
  'sync.markSeen': channel(
    ['district', 'commission'],
    z.strictObject({ ids: z.array(id).min(1).max(1000) }),
    z.object({ conflicts: z.number().int() }),
  ),
} as const;
