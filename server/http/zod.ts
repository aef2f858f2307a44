// Fastify validates requests with the zod contracts of shared/sync: one
// definition for the server and the desktop, and errors that name the field.
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';

export const zodValidator: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    const issue = r.error.issues[0];
    const where =
      issue.path.length > 0
        ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.')
        : '';
    return {
      error: new Error(`${where.replace(/\.\[/g, '[')}${where ? ': ' : ''}${issue.message}`),
    };
  };
