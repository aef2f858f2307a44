// Bounds on unfinished uploads (issue 12, item 7): a caller who starts uploads and
// never finishes them must not grow main's memory or the disk without limit. Each
// caller (session) may hold a few unfinished uploads, of a bounded total size; an
// upload that has not received a chunk for a few minutes is dropped. KabylApp
// sweeps on a timer and at start; the limits are the same for attachments and logs
// except the byte cap (a log can be gigabytes, a scan 10 MiB).

import { ServiceError } from './errors';

export interface UploadLimits {
  /** unfinished uploads one caller may hold at once */
  perCaller: number;
  /** bytes one caller's unfinished uploads may hold together */
  bytesPerCaller: number;
  /** an upload with no chunk for this long is dropped */
  idleMs: number;
  /** bytes all callers' unfinished uploads may hold together (sessions are bounded, but many) */
  totalBytes: number;
}

export const ATTACHMENT_UPLOAD_LIMITS: UploadLimits = {
  perCaller: 3,
  bytesPerCaller: 30 * 1024 * 1024,
  idleMs: 5 * 60_000,
  totalBytes: 128 * 1024 * 1024,
};
/** A log upload stays held after its last chunk until import.start: same expiry from its last touch. */
export const LOG_UPLOAD_LIMITS: UploadLimits = {
  perCaller: 2,
  bytesPerCaller: 4 * 1024 ** 3,
  idleMs: 10 * 60_000,
  totalBytes: 16 * 1024 ** 3,
};
/** How often KabylApp looks for expired uploads. */
export const UPLOAD_SWEEP_MS = 60_000;

export interface Tracked {
  owner: string;
  size: number;
  touchedAt: number;
}

/** Why the caller's upload, or a chunk of size `adding`, is over the limits; null when it fits. */
export function overLimit(
  mine: Iterable<Tracked>,
  limits: UploadLimits,
  adding: number,
  isNew: boolean,
  heldByAll: number,
): Overage | null {
  if (heldByAll + adding > limits.totalBytes) {
    const held = Math.round(heldByAll / 1024 ** 2);
    return {
      busy: true,
      message: `other uploads in progress hold ${held} MiB: try again in a few minutes`,
    };
  }
  let count = 0;
  let bytes = 0;
  for (const u of mine) {
    count++;
    bytes += u.size;
  }
  if (isNew && count >= limits.perCaller) {
    const message = `too many unfinished uploads: finish or wait for the ${count} already started (at most ${limits.perCaller})`;
    return { busy: false, message };
  }
  if (bytes + adding > limits.bytesPerCaller) {
    const cap = Math.round(limits.bytesPerCaller / 1024 ** 2);
    return {
      busy: false,
      message: `unfinished uploads would hold more than ${cap} MiB for this session`,
    };
  }
  return null;
}

/** `busy`: the app as a whole is full (unavailable, try later); else this caller is over its share (invalid_request). */
export interface Overage {
  busy: boolean;
  message: string;
}

/** The error a caller gets for an overage: the field is the chunk. */
export function overageError(o: Overage): ServiceError {
  return new ServiceError(o.busy ? 'unavailable' : 'invalid_request', `chunk: ${o.message}`);
}

export function isExpired(u: Tracked, limits: UploadLimits, now: number): boolean {
  return now - u.touchedAt > limits.idleMs;
}
