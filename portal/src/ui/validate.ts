// Client-side checks with the contract's own zod schemas, so the phone names a bad field
// before the request and with the same codes the server would answer (FIELD_CODES).
import type { z } from 'zod';
import type { FieldProblem } from '../api/http';

/** Which field code a failed format check means, by the field it is on. */
const FORMAT_CODE: Record<string, string> = {
  pin: 'invalid_pin',
  childPin: 'invalid_pin',
  email: 'invalid_email',
  email2: 'invalid_email',
  phone: 'invalid_phone',
};

export type FieldErrors = Record<string, string>;

/** field -> FIELD_CODES code of each bad field, or the parsed value when all are good. */
export function check<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (errors[field]) continue;
    const value = values[field];
    if (value === undefined || value === '') errors[field] = 'required';
    else if (issue.code === 'too_small') errors[field] = 'too_short';
    else if (issue.code === 'too_big') errors[field] = 'too_long';
    else errors[field] = FORMAT_CODE[field] ?? 'invalid_value';
  }
  return { ok: false, errors };
}

export function serverFieldErrors(fields: readonly FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields) errors[f.field] ??= f.code;
  return errors;
}

/** Optional fields left empty are absent, not empty strings, for the schemas' .optional(). */
export function withoutEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}
