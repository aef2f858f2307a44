// Services throw ServiceError for expected failures; the dispatcher turns it (and
// anything else thrown) into a Result, so nothing thrown ever crosses IPC.
import type { ApiError, ErrorCode } from '../../shared/ipc/contract';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  toApiError(): ApiError {
    return this.reason === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, reason: this.reason };
  }
}

export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const notFound = (message: string) => new ServiceError('not_found', message);
export const invalid = (message: string) => new ServiceError('invalid_request', message);
export const unavailable = (message: string) => new ServiceError('unavailable', message);
/** An engine refusal: `reason` is the engine's code, which the UI translates. */
export const refused = (reason: string, message = `refused: ${reason}`) => new ServiceError('refused', message, reason);
