// Waitlists (R16, issue 15): each school's streams with their queues in order,
// standing transfer requests marked, and the what-if of a quota raise from the
// queue. Officers see every school of the district; a director sees their own
// school's queues only (the service checks it, not just the navigation).
import { z } from 'zod';
import { channel, id, instant } from '../channel';

const language = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[a-z]{2,3}$/, 'expected a language code such as ky, ru, uz');

export const QUEUE_ENTRY_KINDS = ['wait', 'transfer'] as const;

export const queueEntrySchema = z.object({
  position: z.number().int(),
  applicationId: z.string(),
  childName: z.string(),
  kind: z.enum(QUEUE_ENTRY_KINDS),
  /** when the entry joined the queue, as the log wrote it */
  since: instant,
  /** a standing transfer: the seat the child holds meanwhile */
  holds: z
    .object({ schoolId: z.string(), schoolName: z.string(), language: z.string() })
    .nullable(),
});
export type QueueEntryDto = z.infer<typeof queueEntrySchema>;

const streamSeats = {
  language: z.string(),
  quota: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
};

export const waitlistSchoolSchema = z.object({
  schoolId: z.string(),
  name: z.string(),
  streams: z.array(z.object({ ...streamSeats, waitlist: z.number().int() })),
});

export const waitlistChannels = {
  /**
   * The schools (in-campaign only) with their queue lengths, and one school's
   * queues in full: the one asked for, else the first with a queue. A director
   * always gets their own school; asking for another is forbidden.
   */
  'waitlists.list': channel(
    ['district', 'director'],
    z.strictObject({ schoolId: id.optional() }),
    z.object({
      asOf: instant,
      /** the campaign keeps waitlists (R16) */
      enabled: z.boolean(),
      /** the queues take entries now (stage 2, before they close) */
      open: z.boolean(),
      schools: z.array(waitlistSchoolSchema),
      school: z
        .object({
          schoolId: z.string(),
          name: z.string(),
          streams: z.array(z.object({ ...streamSeats, entries: z.array(queueEntrySchema) })),
        })
        .nullable(),
    }),
  ),
  /** Who a raise of one stream's quota, now, would place from the queues; writes nothing. */
  'waitlists.whatIf': channel(
    ['district'],
    z.strictObject({ schoolId: id, language, add: z.number().int().min(1).max(10_000) }),
    z.object({
      at: instant,
      events: z.number().int(),
      ms: z.number(),
      quotaBefore: z.number().int(),
      quotaAfter: z.number().int(),
      queuesOpen: z.boolean(),
      queuedBefore: z.number().int(),
      queuedAfter: z.number().int(),
      placed: z.array(
        z.object({
          applicationId: z.string(),
          childName: z.string(),
          kind: z.enum(QUEUE_ENTRY_KINDS),
          schoolId: z.string(),
          schoolName: z.string(),
          language: z.string(),
          position: z.number().int(),
          since: instant,
          /** a standing transfer: the seat the child would leave */
          from: z
            .object({ schoolId: z.string(), schoolName: z.string(), language: z.string() })
            .nullable(),
        }),
      ),
    }),
  ),
} as const;
