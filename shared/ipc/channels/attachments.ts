// Scans attached to a privilege claim or a commission case (issue 4). The bytes
// live in main's data folder, named by their SHA-256; the page never sees a path,
// only the hash, and gets the bytes back through attachments.get to show them as a
// data/blob URL (the CSP allows nothing else).
import { z } from 'zod';
import { channel, id } from '../channel';

/** The largest scan accepted, in bytes (a phone photo or a few scanned pages). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Base64 characters per upload call: under the bridge's 12 MiB body limit with room to spare. */
export const ATTACHMENT_CHUNK_CHARS = 4 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;

/** What an attachment belongs to: a pending privilege claim (an application id) or a commission case. */
export const attachmentSubject = z.strictObject({ kind: z.enum(['claim', 'case']), id });

export const attachmentSchema = z.object({
  hash: z.string(),
  name: z.string(),
  type: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** Who handles which subject is checked in main: claims district+director (own school), cases district+commission. */
const handlers = ['district', 'director', 'commission'] as const;

export const attachmentChannels = {
  /**
   * Send a file's bytes as base64, chunk by chunk (the first call without uploadId,
   * the last with done: true). On done the type is read from the bytes (PNG, JPEG,
   * PDF), the file is stored once per content and linked to the subject.
   */
  'attachments.upload': channel(
    handlers,
    z.strictObject({
      uploadId: z.string().max(100).optional(),
      subject: attachmentSubject,
      name: z.string().trim().min(1).max(260),
      chunk: z
        .string()
        .max(ATTACHMENT_CHUNK_CHARS)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
      done: z.boolean(),
    }),
    z.object({
      uploadId: z.string(),
      received: z.number().int(),
      attachment: attachmentSchema.nullable(),
    }),
  ),
  /** The bytes of one attachment of a subject the caller may see, as base64. */
  'attachments.get': channel(
    handlers,
    z.strictObject({
      subject: attachmentSubject,
      hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
    }),
    z.object({ attachment: attachmentSchema, base64: z.string() }),
  ),
} as const;
