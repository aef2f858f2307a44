// The public proof's endpoints: no authentication, nothing personal.
//   GET /v1/public/head     the chain's head now (seq, hash, at)
//   GET /v1/public/heads    every head published, in order (the digest file's lines)
//   GET /v1/public/export   the anonymised log as JSON Lines
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { exportAnonymised } from './anonymisedExport';
import type { Publisher } from './publisher';

export function publicRoutes(db: Database, publisher: Publisher) {
  return (app: FastifyInstance): void => {
    app.get('/v1/public/head', async () => publisher.head);
    app.get('/v1/public/heads', async () => ({ heads: await publisher.list() }));
    app.get('/v1/public/export', async (_req, reply) => {
      const chunks: string[] = [];
      await exportAnonymised(db, (c) => {
        chunks.push(c);
      });
      return reply.type('application/x-ndjson; charset=utf-8').send(chunks.join(''));
    });
  };
}
