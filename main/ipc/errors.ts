// Services throw ServiceError for expected failures; the dispatcher turns it (and
// anything else thrown) into a Result, so nothing thrown ever crosses IPC.
import type { ApiError, ErrorCode } from '../../shared/ipc/contract';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    /** with reason too_many_attempts: whole seconds until the caller may try again */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.reason !== undefined) error.reason = this.reason;
    if (this.retryAfterSeconds !== undefined) error.retryAfterSeconds = this.retryAfterSeconds;
    return error;
  }
}

export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const notFound = (message: string) => new ServiceError('not_found', message);
export const invalid = (message: string) => new ServiceError('invalid_request', message);
export const unavailable = (message: string) => new ServiceError('unavailable', message);
/** An engine refusal: `reason` is the engine's code, which the UI translates. */
export const refused = (reason: string, message = `refused: ${reason}`) => new ServiceError('refused', message, reason);
