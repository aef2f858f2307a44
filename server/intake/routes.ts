// The intake's HTTP face: POST /v1/intake/applications (Idempotency-Key) and
// GET /v1/intake/applications/:id, the decision a parent's page polls.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Intake, IntakeAnswer } from './intake';
import type { ParentAuth } from './parentAuth';

export function registerIntakeRoutes(app: FastifyInstance, intake: Intake, auth: ParentAuth): void {
  const send = (reply: FastifyReply, a: IntakeAnswer) => {
    for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
    return reply.code(a.status).send(a.body);
  };
  const unauthenticated = (reply: FastifyReply) =>
    reply.code(401).send({ error: 'unauthenticated', message: 'a parent session is required' });

  app.post('/v1/intake/applications', async (req, reply) => {
    const parent = await auth.authenticate(req.headers.authorization);
    if (parent === null) return unauthenticated(reply);
    const key = req.headers['idempotency-key'];
    return send(reply, await intake.submit(parent, Array.isArray(key) ? key[0] : key, req.body));
  });

  app.get<{ Params: { applicationId: string } }>(
    '/v1/intake/applications/:applicationId',
    async (req, reply) => {
      const parent = await auth.authenticate(req.headers.authorization);
      if (parent === null) return unauthenticated(reply);
      const id = req.params.applicationId;
      const decision = intake.ownerOf(id) === parent.parentId ? intake.decision(id) : null;
      if (decision === null) {
        return reply
          .code(404)
          .send({ error: 'not_found', message: `no application ${id} of yours` });
      }
      return { applicationId: id, decision };
    },
  );
}
