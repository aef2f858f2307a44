// A portal refusal with its HTTP status and the PortalError body (shared/portal/contract.ts).
import type { FieldError, PortalErrorCode } from '../../shared/portal/contract';

const STATUS: Record<PortalErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  bad_credentials: 401,
  link_invalid: 400,
  idempotency_conflict: 409,
  idempotency_mismatch: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  age_out_of_range: 422,
  not_guardian: 422,
  child_not_found: 422,
  child_already_added: 409,
  registry_unavailable: 503,
  outside_window: 422,
  rule_refused: 422,
  internal: 500,
};

export class PortalFailure extends Error {
  constructor(
    readonly code: PortalErrorCode,
    message: string,
    readonly extra: { fields?: FieldError[]; reason?: string; opensAt?: string } = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const fieldFailure = (field: string, code: FieldError['code'], message: string): PortalFailure =>
  new PortalFailure('invalid_request', `${field}: ${message}`, { fields: [{ field, code, message }] });
