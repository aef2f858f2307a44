// Turns a failed call into a sentence in the user's language: an engine refusal
// by its reason code, anything else by the contract's error code. Raw codes and
// main's English messages never reach the screen as the main text.
import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/ipc/contract';
import { REASONS } from '../../../shared/engine/reasons';

export function describeError(t: TFunction, error: ApiError): string {
  // Sign-in backoff: main says how long to wait.
  if (error.code === 'refused' && error.reason === 'too_many_attempts') {
    return t('auth.tooManyAttempts', { seconds: error.retryAfterSeconds ?? 1 });
  }
  if (
    error.code === 'refused' &&
    error.reason &&
    (REASONS as readonly string[]).includes(error.reason)
  ) {
    return t(`reason.${error.reason}`);
  }
  return t(`error.${error.code}`);
}
