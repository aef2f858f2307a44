// The building blocks of the IPC contract: roles, the Result envelope and the
// `channel()` constructor. Domain channel tables (shared/ipc/channels/*.ts) and
// contract.ts build on these, so a new domain adds a file, not edits to others.
import { z } from 'zod';

export const ROLES = ['district', 'commission', 'director'] as const;
export type Role = (typeof ROLES)[number];

/** Error codes a channel can answer with; `refused` carries the engine reason code. */
export const ERROR_CODES = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'refused',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** the engine's reason code when code is 'refused' (see shared/engine/reasons.ts) */
  reason?: string;
  /** with reason 'too_many_attempts' (sign-in backoff): whole seconds to wait before trying again */
  retryAfterSeconds?: number;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------- shared shapes ----------

export const empty = z.strictObject({});
/** ISO-8601 with offset, as written in the log */
export const instant = z.string();
export const id = z.string().min(1).max(200);
export const everyone = ROLES;

/** Who may call a channel: 'public' channels work before sign-in. */
export type Access = 'public' | readonly Role[];

export function channel<Q extends z.ZodType, S extends z.ZodType>(
  access: Access,
  request: Q,
  response: S,
) {
  return { access, request, response };
}
