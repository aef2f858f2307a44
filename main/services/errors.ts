// Services throw ServiceError for expected failures. They belong to the services
// layer; main/ipc/dispatch.ts maps them (and anything else thrown) onto the
// contract's Result, so nothing thrown ever crosses IPC.
import type { ErrorCode } from '../../shared/ipc/contract';

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
}

export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const notFound = (message: string) => new ServiceError('not_found', message);
export const invalid = (message: string) => new ServiceError('invalid_request', message);
export const unavailable = (message: string) => new ServiceError('unavailable', message);
/** An engine refusal: `reason` is the engine's code, which the UI translates. */
export const refused = (reason: string, message = `refused: ${reason}`) =>
  new ServiceError('refused', message, reason);
