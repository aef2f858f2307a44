// The district commission (issue 4): cases of children the rules cannot place
// (no PIN, no documents, outside the age range), opened and decided by commission
// members and officers. Commission members reach nothing else of the registry.
import { z } from 'zod';
import { channel, empty, id } from '../channel';
import { attachmentSchema } from './attachments';

const members = ['district', 'commission'] as const;

export const CASE_REASON_KINDS = ['no_pin', 'no_documents', 'age_out_of_range', 'other'] as const;

export const caseSchema = z.object({
  caseId: z.string(),
  status: z.enum(['open', 'placed', 'declined']),
  fullName: z.string(),
  pin: z.string().nullable(),
  birthDate: z.string().nullable(),
  reasonKind: z.enum(CASE_REASON_KINDS),
  reason: z.string(),
  notes: z.string().nullable(),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  /** the display name of the account that opened the case, when it is known to this store */
  openedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  language: z.string().nullable(),
  decisionNote: z.string().nullable(),
  justification: z.string().nullable(),
  /** the stream had no free seat when the child was placed */
  beyondQuota: z.boolean(),
  attachments: z.array(attachmentSchema),
});
export type CommissionCase = z.infer<typeof caseSchema>;

export const commissionChannels = {
  'commission.cases': channel(
    members,
    empty,
    z.object({ asOf: z.string(), cases: z.array(caseSchema) }),
  ),
  'commission.open': channel(
    members,
    z.strictObject({
      fullName: z.string().trim().min(3).max(200),
      pin: z
        .string()
        .trim()
        .regex(/^[12]\d{13}$/, 'expected 14 digits starting with 1 or 2')
        .optional(),
      birthDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
        .optional(),
      reasonKind: z.enum(CASE_REASON_KINDS),
      reasonText: z.string().trim().max(2000).optional(),
      notes: z.string().trim().max(4000).optional(),
    }),
    z.object({ case: caseSchema }),
  ),
  /**
   * Place into a stream (beyond its quota if need be: then a written justification
   * is required) or decline (a note is required): one commission.decided event.
   */
  'commission.decide': channel(
    members,
    z.strictObject({
      caseId: id,
      decision: z.enum(['place', 'decline']),
      schoolId: id.optional(),
      language: z
        .string()
        .regex(/^[a-z]{2,3}$/, 'expected a language code such as ky, ru')
        .optional(),
      note: z.string().trim().max(2000).optional(),
      justification: z.string().trim().max(4000).optional(),
    }),
    z.object({
      case: caseSchema,
      stream: z
        .object({ quota: z.number().int(), occupied: z.number().int(), overflow: z.number().int() })
        .nullable(),
    }),
  ),
} as const;
