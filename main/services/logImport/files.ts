// Files held in main for an import, by an opaque id: a path the user picked in the
// native dialog (Electron), or text the page uploaded chunk by chunk (harness). The
// page never names a path itself, so it cannot make main read an arbitrary file.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../errors';
import {
  isExpired,
  LOG_UPLOAD_LIMITS,
  overageError,
  overLimit,
  type UploadLimits,
} from '../uploadLimits';

export interface HeldFile {
  fileId: string;
  name: string;
  path: string;
  size: number;
  /** the caller that picked or uploaded it: nobody else can import it */
  owner: string;
  /** an upload we wrote ourselves, deleted after the import */
  temporary: boolean;
  complete: boolean;
  /** last chunk or pick: an untouched file expires (uploadLimits.ts) */
  touchedAt: number;
  /** an import job reads it: never expired under it */
  inUse: boolean;
}

/** Enough for a republic-sized log several times over. */
const MAX_UPLOAD = 4 * 1024 ** 3;

export class ImportFiles {
  private readonly held = new Map<string, HeldFile>();

  constructor(
    private readonly uploadDir: string,
    private readonly now: () => number = Date.now,
    readonly limits: UploadLimits = LOG_UPLOAD_LIMITS,
  ) {}

  async addChosen(owner: string, filePath: string): Promise<HeldFile> {
    const info = await stat(filePath);
    const file: HeldFile = {
      fileId: randomBytes(12).toString('base64url'),
      name: path.basename(filePath),
      path: filePath,
      size: info.size,
      owner,
      temporary: false,
      complete: true,
      touchedAt: this.now(),
      inUse: false,
    };
    this.held.set(file.fileId, file);
    return file;
  }

  async upload(
    owner: string,
    fileId: string | undefined,
    name: string,
    chunk: string,
    done: boolean,
  ): Promise<HeldFile> {
    await this.sweepExpired();
    const bytes = Buffer.from(chunk, 'utf8');
    // Held uploads of this owner not yet imported count against the limits.
    const pending = [...this.held.values()].filter((f) => f.temporary && !f.inUse);
    const mine = pending.filter((f) => f.owner === owner);
    const heldByAll = pending.reduce((n, f) => n + f.size, 0);
    let file: HeldFile;
    if (fileId === undefined) {
      const problem = overLimit(mine, this.limits, bytes.length, true, heldByAll);
      if (problem) throw overageError(problem);
      await mkdir(this.uploadDir, { recursive: true });
      const id = randomBytes(12).toString('base64url');
      file = {
        fileId: id,
        name,
        path: path.join(this.uploadDir, `${id}.jsonl`),
        size: 0,
        owner,
        temporary: true,
        complete: false,
        touchedAt: this.now(),
        inUse: false,
      };
      this.held.set(id, file);
    } else {
      file = this.get(owner, fileId);
      if (file.complete)
        throw new ServiceError('invalid_request', 'fileId: this upload is already complete');
      const problem = overLimit(mine, this.limits, bytes.length, false, heldByAll);
      if (problem) {
        await this.discard(file.fileId);
        throw overageError(problem);
      }
    }
    if (file.size + bytes.length > MAX_UPLOAD) {
      await this.discard(file.fileId);
      throw new ServiceError('invalid_request', `chunk: the file exceeds ${MAX_UPLOAD} bytes`);
    }
    await appendFile(file.path, bytes);
    file.size += bytes.length;
    file.complete = done;
    file.touchedAt = this.now();
    return file;
  }

  get(owner: string, fileId: string): HeldFile {
    const file = this.held.get(fileId);
    if (!file || file.owner !== owner) {
      throw new ServiceError(
        'not_found',
        `fileId: no file ${fileId} held for this session (unknown or expired)`,
      );
    }
    return file;
  }

  /** An import job reads the file from now on: it no longer expires. */
  markInUse(fileId: string): void {
    const file = this.held.get(fileId);
    if (file) file.inUse = true;
  }

  /** Files untouched past the limit, not being imported: dropped, uploads deleted from disk. */
  async sweepExpired(): Promise<number> {
    const now = this.now();
    const expired = [...this.held.values()].filter(
      (f) => !f.inUse && isExpired(f, this.limits, now),
    );
    await Promise.all(expired.map((f) => this.discard(f.fileId)));
    return expired.length;
  }

  get count(): number {
    return this.held.size;
  }

  async discard(fileId: string): Promise<void> {
    const file = this.held.get(fileId);
    this.held.delete(fileId);
    if (file?.temporary) await rm(file.path, { force: true });
  }

  /** Uploads left by a run that crashed or was killed: nobody holds their ids any more. */
  async sweep(): Promise<void> {
    await rm(this.uploadDir, { recursive: true, force: true });
  }

  async clear(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.discard(id)));
  }
}
