// Quotas and streams (issue 4, district officer): the one table of every school's
// streams with their class-size warnings, one save of many quota.set events, a
// school's norm and locality, the what-if sandbox and the "would fit now" check.
import { z } from 'zod';
import { channel, empty, id, instant } from '../channel';

const officer = ['district'] as const;
const seats = z.number().int().min(0).max(100_000);
const classes = z.number().int().min(0).max(1_000);
const language = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[a-z]{2,3}$/, 'expected a language code such as ky, ru, uz');

export const NORM_WARNING_VALUES = ['above_norm', 'above_max', 'far_above', 'overflow'] as const;

export const quotaStreamSchema = z.object({
  schoolId: z.string(),
  language: z.string(),
  quota: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
  overflow: z.number().int(),
  classes: z.number().int().nullable(),
  /** quota / classes, one decimal */
  seatsPerClass: z.number().nullable(),
  /** max(quota, occupied) / classes: what the warnings follow */
  childrenPerClass: z.number().nullable(),
  warnings: z.array(z.enum(NORM_WARNING_VALUES)),
});

export const quotaSchoolSchema = z.object({
  schoolId: z.string(),
  name: z.string(),
  kind: z.string(),
  inScope: z.boolean(),
  locality: z.enum(['urban', 'rural']).nullable(),
  /** the school's own norm, null: the default for its locality */
  classSizeNorm: z.number().int().nullable(),
  /** the norm that applies (own, else 25 rural / 30 urban) */
  norm: z.number().int(),
});

const streamChange = z.strictObject({ schoolId: id, language, seats, classes: classes.optional() });

const whatIfChange = z.object({
  applicationId: z.string(),
  childName: z.string(),
  before: z.object({
    status: z.string(),
    reason: z.string().nullable(),
    schoolId: z.string(),
    language: z.string(),
  }),
  after: z.object({
    status: z.string(),
    reason: z.string().nullable(),
    schoolId: z.string(),
    language: z.string(),
  }),
});

export const quotaChannels = {
  'quotas.list': channel(
    officer,
    empty,
    z.object({
      asOf: instant,
      schools: z.array(quotaSchoolSchema),
      streams: z.array(quotaStreamSchema),
    }),
  ),
  /** One save: a quota.set per changed stream (a new language opens a stream), written together. */
  'quotas.save': channel(
    officer,
    z.strictObject({ changes: z.array(streamChange).max(10_000) }),
    z.object({ written: z.number().int(), eventIds: z.array(z.string()) }),
  ),
  /** A school's locality and own class-size norm: a school.registered with the same id, name, kind and district. */
  'quotas.setSchool': channel(
    officer,
    z.strictObject({
      schoolId: id,
      locality: z.enum(['urban', 'rural']).nullable(),
      classSizeNorm: z.number().int().min(1).max(100).nullable(),
    }),
    z.object({ school: quotaSchoolSchema }),
  ),
  /** Replay the stored log with other quotas; writes nothing. */
  'quotas.whatIf': channel(
    officer,
    z.strictObject({
      overrides: z
        .array(z.strictObject({ schoolId: id, language, seats }))
        .min(1)
        .max(10_000),
    }),
    z.object({
      events: z.number().int(),
      ms: z.number(),
      gained: z.number().int(),
      lost: z.number().int(),
      /** every changed outcome up to `limit`; `totalChanges` counts them all */
      changes: z.array(whatIfChange),
      totalChanges: z.number().int(),
      streams: z.array(
        z.object({
          key: z.string(),
          schoolId: z.string(),
          language: z.string(),
          quotaBefore: z.number().int(),
          quotaAfter: z.number().int(),
          occupiedBefore: z.number().int(),
          occupiedAfter: z.number().int(),
        }),
      ),
    }),
  ),
  /** The stream's applications refused for want of a seat, for the "would fit now" badges. */
  'quotas.refused': channel(
    officer,
    z.strictObject({ schoolId: id, language }),
    z.object({
      applications: z.array(
        z.object({
          applicationId: z.string(),
          childName: z.string(),
          submittedAt: z.string(),
          stage: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  /**
   * Would a resubmission of this refused application's child to the same stream be
   * accepted now, at the store's clock? The engine's dry run; writes nothing.
   */
  'quotas.checkFit': channel(
    officer,
    z.strictObject({ applicationId: id }),
    z.object({
      applicationId: z.string(),
      schoolId: z.string(),
      language: z.string(),
      at: instant,
      fits: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
} as const;
