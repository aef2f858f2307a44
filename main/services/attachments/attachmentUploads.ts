// Attachment scans arriving chunk by chunk, by upload id, until the last chunk. The
// app owns one (AppPort.attachmentUploads), never a module-level one. Bounded per
// caller by count and bytes, and over all callers by bytes; dropped after a few idle
// minutes (issue 12, item 7).
import { randomUUID } from 'node:crypto';
import { invalid, notFound } from '../errors';
import {
  ATTACHMENT_UPLOAD_LIMITS,
  isExpired,
  overageError,
  overLimit,
  type UploadLimits,
} from '../uploadLimits';

/** What an attachment belongs to: a privilege claim or a commission case. */
export type Subject = { kind: 'claim' | 'case'; id: string };

export interface AttachmentUpload {
  /** the caller (session) that sent the first chunk; nobody else may continue it */
  owner: string;
  subject: Subject;
  name: string;
  chunks: Buffer[];
  size: number;
  /** the last chunk (ms): an upload idle past the limit is dropped */
  touchedAt: number;
}

export class AttachmentUploads {
  private readonly open = new Map<string, AttachmentUpload>();

  constructor(
    private readonly now: () => number,
    readonly limits: UploadLimits = ATTACHMENT_UPLOAD_LIMITS,
  ) {}

  /** Adds a chunk to the caller's upload (a new one when uploadId is undefined). */
  add(
    owner: string,
    uploadId: string | undefined,
    subject: Subject,
    name: string,
    bytes: Buffer,
    maxFile: number,
  ): [string, AttachmentUpload] {
    this.sweep();
    const mine = [...this.open.values()].filter((u) => u.owner === owner);
    let id = uploadId;
    let upload: AttachmentUpload | undefined;
    if (id === undefined) {
      const problem = overLimit(mine, this.limits, bytes.length, true, this.heldBytes);
      if (problem) throw overageError(problem);
      id = randomUUID();
      upload = { owner, subject, name, chunks: [], size: 0, touchedAt: this.now() };
      this.open.set(id, upload);
    } else {
      upload = this.open.get(id);
      // Another caller's upload is as unknown to this one as a made-up (or expired) id.
      if (!upload || upload.owner !== owner)
        throw notFound(`uploadId: no upload ${id} (unknown, expired or another session's)`);
      if (upload.subject.kind !== subject.kind || upload.subject.id !== subject.id) {
        throw invalid("subject: differs from the upload's first chunk");
      }
      const problem = overLimit(mine, this.limits, bytes.length, false, this.heldBytes);
      if (problem) {
        this.open.delete(id);
        throw overageError(problem);
      }
    }
    if (upload.size + bytes.length > maxFile) {
      this.open.delete(id);
      throw invalid(`chunk: the file is larger than ${maxFile / (1024 * 1024)} MB`);
    }
    upload.chunks.push(bytes);
    upload.size += bytes.length;
    upload.touchedAt = this.now();
    return [id, upload];
  }

  finish(uploadId: string): void {
    this.open.delete(uploadId);
  }

  /** Drops uploads idle past the limit; returns how many. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [id, u] of this.open) {
      if (isExpired(u, this.limits, now)) {
        this.open.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  /** Bytes held in memory by unfinished uploads. */
  get heldBytes(): number {
    let n = 0;
    for (const u of this.open.values()) n += u.size;
    return n;
  }

  get count(): number {
    return this.open.size;
  }

  clear(): void {
    this.open.clear();
  }
}
