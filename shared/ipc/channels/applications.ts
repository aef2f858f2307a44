// The applications registry (issue 4, district officer): every application,
// paged from main with its total, sorted and filtered in SQL; one application
// with the child's whole event history; a parent's written request recorded
// as a withdrawal or a stage-2 transfer; saved filters per user.
import { z } from 'zod';
import { channel, empty, id, instant } from '../channel';
import type { Basis, PrivilegeState, Status } from '../../engine/model';

const officer = ['district'] as const;

export const REGISTRY_SORTS = [
  'submittedAt',
  'updatedAt',
  'childName',
  'pin',
  'status',
  'schoolId',
  'language',
  'stage',
  'basis',
  'privilege',
  'orderNumber',
  'waitlistPosition',
  'id',
] as const;
export type RegistrySort = (typeof REGISTRY_SORTS)[number];

// contract.ts imports this file, so its STATUSES cannot be imported back here;
// the `satisfies` checks keep these lists equal to the engine's types.
const STATUSES = [
  'registered',
  'documents_received',
  'enrolled',
  'refused',
  'withdrawn',
  'no_documents',
  'waitlisted',
] as const satisfies readonly Status[];
const BASES = ['catchment', 'privilege', 'open', 'commission'] as const satisfies readonly Basis[];
const PRIVILEGE_STATES = [
  'none',
  'pending',
  'approved',
  'rejected',
] as const satisfies readonly PrivilegeState[];
const language = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[a-z]{2,3}$/, 'expected a language code such as ky, ru, uz');

/** What the registry can be narrowed by; also what a saved filter stores. */
export const registryFilterSchema = z.strictObject({
  status: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
  /** 0: no stage (a commission placement, or a submission outside both stages) */
  stage: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  /** 'none': no basis (a refused submission) */
  basis: z.enum([...BASES, 'none']).optional(),
  privilege: z.enum(PRIVILEGE_STATES).optional(),
  privilegeCategory: z.string().trim().min(1).max(40).optional(),
  /** R16: only applications in a queue (waiting, or a standing transfer), at this place or better */
  waitlistPosition: z.number().int().min(1).max(1_000_000).optional(),
  schoolId: id.optional(),
  language: language.optional(),
  /** digits: a PIN prefix; anything else: part of the child's name, in any case */
  search: z.string().max(100).optional(),
});
export type RegistryFilter = z.infer<typeof registryFilterSchema>;

export const registryRowSchema = z.object({
  id: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(STATUSES),
  reason: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string().nullable(),
  /** the school's number and kind, for its short name (shared/schools/shortName.ts) */
  schoolShort: z.object({ number: z.string().nullable(), kind: z.string() }).nullable(),
  language: z.string(),
  stage: z.number().int().nullable(),
  basis: z.string().nullable(),
  privilege: z.string(),
  privilegeCategory: z.string().nullable(),
  orderNumber: z.string().nullable(),
  pin: z.string().nullable(),
  childName: z.string(),
  /** R16: the queue the application is in (its own stream's, or a standing transfer's target), else null */
  waitlist: z
    .object({ stream: z.string(), position: z.number().int(), since: z.string() })
    .nullable(),
});
export type RegistryRow = z.infer<typeof registryRowSchema>;

export const historyEntrySchema = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  /** which of the child's applications the event is about */
  applicationId: z.string(),
  type: z.string(),
  at: z.string(),
  actorRole: z.string().nullable(),
  actorId: z.string().nullable(),
  /** null: applied; else the engine's refusal reason */
  outcome: z.string().nullable(),
  /** the parent's written request reference and the officer's note, when the event carries them */
  reference: z.string().nullable(),
  note: z.string().nullable(),
  /** for a transfer: where to; for a review: the decision; for an order: its number */
  detail: z.record(z.string(), z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const applicationDetailSchema = z.object({
  application: registryRowSchema.extend({
    registeredAddress: z.string().nullable(),
    actualAddress: z.string().nullable(),
    caseId: z.string().nullable(),
  }),
  history: z.array(historyEntrySchema),
});

/** The parent's written request: its reference (number, date) is required, a note is not. */
const writtenRequest = {
  reference: z.string().trim().min(1, 'the reference of the written request is required').max(200),
  note: z.string().trim().max(2000).optional(),
};

const recorded = z.object({ eventId: z.string(), at: instant, detail: applicationDetailSchema });

export const savedFilterSchema = z.object({
  name: z.string(),
  filter: registryFilterSchema,
  sort: z.enum(REGISTRY_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});

export const applicationChannels = {
  /** One window of the registry: at most 500 rows, and the total the filter selects. */
  'applications.list': channel(
    officer,
    registryFilterSchema.extend({
      sort: z.enum(REGISTRY_SORTS).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    z.object({
      total: z.number().int(),
      offset: z.number().int(),
      rows: z.array(registryRowSchema),
      ms: z.number(),
    }),
  ),
  'applications.get': channel(
    officer,
    z.strictObject({ applicationId: id }),
    applicationDetailSchema,
  ),
  /** A parent's written request to withdraw: an application.withdrawn carrying the reference. */
  'applications.withdraw': channel(
    officer,
    z.strictObject({ applicationId: id, ...writtenRequest }),
    recorded,
  ),
  /** A parent's written request to move in stage 2: an application.transfer_requested. */
  'applications.transfer': channel(
    officer,
    z.strictObject({ applicationId: id, toSchoolId: id, toLanguage: language, ...writtenRequest }),
    recorded,
  ),
  /** Every in-scope stream with its free seats, for the transfer picker. */
  'applications.streams': channel(
    officer,
    empty,
    z.object({
      streams: z.array(
        z.object({
          schoolId: z.string(),
          schoolName: z.string(),
          language: z.string(),
          quota: z.number().int(),
          occupied: z.number().int(),
          free: z.number().int(),
        }),
      ),
    }),
  ),
  /** The signed-in user's saved filters. */
  'applications.filters': channel(
    officer,
    empty,
    z.object({ filters: z.array(savedFilterSchema) }),
  ),
  /** Save (or replace, by name) one of the user's filters. */
  'applications.saveFilter': channel(
    officer,
    z.strictObject({
      name: z.string().trim().min(1).max(80),
      filter: registryFilterSchema,
      sort: z.enum(REGISTRY_SORTS).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
    }),
    z.object({ filters: z.array(savedFilterSchema) }),
  ),
  'applications.deleteFilter': channel(
    officer,
    z.strictObject({ name: z.string().trim().min(1).max(80) }),
    z.object({ filters: z.array(savedFilterSchema) }),
  ),
} as const;
