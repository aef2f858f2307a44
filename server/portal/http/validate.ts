// Request bodies and queries checked with the shared zod contracts; every
// bad field is named (PortalError.fields), not only the first.
import type { ZodType, z } from 'zod';
import type { FieldError } from '../../../shared/portal/contract';
import { PortalFailure } from '../errors';

const FIELD_CODE: Record<string, FieldError['code']> = {
  pin: 'invalid_pin',
  childPin: 'invalid_pin',
  email: 'invalid_email',
  email2: 'invalid_email',
  phone: 'invalid_phone',
};

export function parseOrFail<S extends ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data ?? {});
  if (r.success) return r.data;
  const fields: FieldError[] = [];
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields.push({ field: k, code: 'invalid_value', message: 'not a field of this request' });
      continue;
    }
    const field = issue.path.map(String).join('.') || '(body)';
    const last = String(issue.path[issue.path.length - 1] ?? '');
    let code: FieldError['code'];
    if (issue.code === 'invalid_type' && issue.input === undefined) code = 'required';
    else if (FIELD_CODE[last]) code = FIELD_CODE[last];
    else if (issue.code === 'too_small') code = 'too_short';
    else if (issue.code === 'too_big') code = 'too_long';
    else code = 'invalid_value';
    if (fields.some((f) => f.field === field)) continue; // one message per field is enough
    fields.push({ field, code, message: issue.message });
  }
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  throw new PortalFailure('invalid_request', summary, { fields });
}
