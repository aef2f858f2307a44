// The audit (issue 4, district officer): the log itself, filtered by actor, type
// and Bishkek calendar days, paged by seq; and "verify": a full replay compared
// with the stored projections plus a walk of the hash chain.
import { z } from 'zod';
import { CHAIN_BREAK_REASONS } from '../../log/hashChain';
import { channel, empty } from '../channel';

const officer = ['district'] as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const auditFilterSchema = z.strictObject({
  type: z.string().trim().min(1).max(60).optional(),
  actorRole: z.enum(['parent', 'district', 'director', 'commission', 'system']).optional(),
  actorId: z.string().trim().min(1).max(100).optional(),
  /** first Bishkek day included */
  from: day.optional(),
  /** last Bishkek day included */
  to: day.optional(),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  type: z.string(),
  at: z.string(),
  actorRole: z.string().nullable(),
  actorId: z.string().nullable(),
  subjectId: z.string().nullable(),
  outcome: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditChannels = {
  /** One page of the log in seq order after `afterSeq`, with the filter's total. */
  'audit.events': channel(
    officer,
    auditFilterSchema.extend({
      afterSeq: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.object({
      total: z.number().int(),
      rows: z.array(auditEventSchema),
      nextAfterSeq: z.number().int().nullable(),
    }),
  ),
  /** Replays the whole log against the projections and walks the hash chain. */
  'audit.verify': channel(
    officer,
    empty,
    z.object({
      ms: z.number(),
      events: z.number().int(),
      projections: z.object({
        ok: z.boolean(),
        /** how many rows differ; `differences` lists the first 200 */
        count: z.number().int(),
        differences: z.array(
          z.object({
            table: z.string(),
            key: z.string(),
            problem: z.string(),
            columns: z.array(z.string()),
          }),
        ),
      }),
      chain: z.object({
        ok: z.boolean(),
        checked: z.number().int(),
        /** the seq where the chain breaks: a changed event, the one after a deleted one, or the head */
        brokenAt: z.number().int().nullable(),
        reason: z.enum(CHAIN_BREAK_REASONS).nullable(),
        /** column_mismatch: the audit columns that differ from the hashed body */
        columns: z.array(z.string()),
        /** rewritten: the last head recorded outside the file that the chain no longer holds */
        rewrittenBy: z.number().int().nullable(),
        /** the heads recorded outside the store file (docs/security.md) */
        anchor: z.enum(['agrees', 'differs', 'none', 'unreadable']),
        /** how that record is protected; null where the app keeps none */
        anchorProtection: z.enum(['os-encrypted', 'user-file']).nullable(),
      }),
    }),
  ),
} as const;
