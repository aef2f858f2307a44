// Attachment scans arriving chunk by chunk, by upload id, until the last chunk.
// The app owns one map (AppPort.attachmentUploads), never a module-level one.

/** What an attachment belongs to: a privilege claim or a commission case. */
export type Subject = { kind: 'claim' | 'case'; id: string };

export interface AttachmentUpload {
  /** the caller (session) that sent the first chunk; nobody else may continue it */
  owner: string;
  subject: Subject;
  name: string;
  chunks: Buffer[];
  size: number;
}

export type AttachmentUploads = Map<string, AttachmentUpload>;
