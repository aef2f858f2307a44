// Why a whole push is turned away. Nothing of such a push is recorded.
import type { ErrorCode } from '../../shared/sync/contract';

export class PushError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly index?: number,
    readonly eventId?: string,
  ) {
    super(message);
  }
}
