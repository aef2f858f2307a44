// Privilege review (issue 4): the queue of pending claims and the decision on one.
// Officers review the whole district, a director only their own school (main
// enforces it whatever the request says).
import { z } from 'zod';
import { channel, empty, id } from '../channel';
import { attachmentSchema } from './attachments';

const reviewers = ['district', 'director'] as const;

export const claimSchema = z.object({
  applicationId: z.string(),
  childName: z.string(),
  pin: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  /** 'privilege': the seat rests on the claim, a rejection removes it; 'catchment': the child keeps its place */
  basis: z.enum(['catchment', 'privilege', 'open', 'commission']).nullable(),
  status: z.string(),
  submittedAt: z.string(),
  registeredAddress: z.string().nullable(),
  attachments: z.array(attachmentSchema),
});
export type Claim = z.infer<typeof claimSchema>;

export const privilegeChannels = {
  'privileges.queue': channel(
    reviewers,
    empty,
    z.object({ asOf: z.string(), claims: z.array(claimSchema) }),
  ),
  /**
   * Approve or reject one pending claim: a privilege.reviewed event carrying the
   * note and the claim's attachments (their hashes). A rejection needs a note.
   */
  'privileges.review': channel(
    reviewers,
    z.strictObject({
      applicationId: id,
      decision: z.enum(['approved', 'rejected']),
      note: z.string().trim().max(2000).optional(),
    }),
    z.object({
      eventId: z.string(),
      placementRemoved: z.boolean(),
      application: z.object({
        applicationId: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        privilege: z.string(),
        schoolId: z.string(),
        language: z.string(),
      }),
      stream: z.object({ quota: z.number().int(), occupied: z.number().int() }).nullable(),
    }),
  ),
} as const;
