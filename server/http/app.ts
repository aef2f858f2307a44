// The /v1 HTTP API (docs/sync.md): health, enrol, push, pull.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import {
  EnrolRequest,
  type ErrorCode,
  type ErrorResponse,
  PROTOCOL_VERSION,
  PullQuery,
  PullStreamQuery,
  PushRequest,
} from '../../shared/sync/contract';
import { type DeviceIdentity, EnrolmentError, deviceOfToken, enrol } from '../auth/devices';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from '../auth/rateLimit';
import type { Database } from '../db/database';
import { PushError } from '../sequencer/errors';
import type { Sequencer } from '../sequencer/sequencer';
import { PORTAL_API_PREFIX } from '../../shared/portal/contract';
import { portalPlugin } from '../portal/http/plugin';
import { addSecurityHeaders } from '../portal/http/security';
import type { Portal } from '../portal/portal';
import type { Intake } from '../intake/intake';
import type { ParentAuth } from '../intake/parentAuth';
import { registerIntakeRoutes } from '../intake/routes';
import { pullPage } from './pull';
import { findPortalRoot, registerPortalStatic } from './portalStatic';
import { streamPull } from './stream';
import { serveUpdates } from './updates';
import { zodValidator } from './zod';

/** A push holds at most MAX_PUSH_EVENTS events of at most 1 MiB each, but a real queue is far smaller. */
export const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  malformed_event: 400,
  unauthenticated: 401,
  forbidden_district: 403,
  forbidden_event: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceIdentity | null;
  }
}

export interface AppDeps {
  db: Database;
  sequencer: Sequencer;
  logger?: Logger | boolean;
  rateLimits?: RateLimits;
  /** the folder of the desktop's update feed (latest.yml and the installer), served at /updates/ */
  updatesDir?: string | null;
  /** ms between keep-alives (and token checks) on an idle SSE pull; tests shorten it */
  streamKeepAliveMs?: number;
  /** the parents' portal (docs/portal.md), served under PORTAL_API_PREFIX */
  portal?: Portal;
  /** parents' submissions (docs/opening-day.md): present when a ParentAuth is configured */
  intake?: { intake: Intake; auth: ParentAuth };
  /** extra routes (the public proof) registered before the not-found handler */
  routes?: ((app: FastifyInstance) => void)[];
  /** the built parents' portal to serve at `/`; default findPortalRoot(), null for none */
  portalRoot?: string | null;
}

export function buildApp({
  db,
  sequencer,
  logger = false,
  rateLimits = DEFAULT_RATE_LIMITS,
  updatesDir = null,
  streamKeepAliveMs,
  portal,
  intake,
  routes = [],
  ...o
}: AppDeps): FastifyInstance {
  const options: FastifyServerOptions = { bodyLimit: BODY_LIMIT_BYTES };
  if (typeof logger === 'object') options.loggerInstance = logger as FastifyBaseLogger;
  else options.logger = logger;
  const app = Fastify(options);
  app.setValidatorCompiler(zodValidator);
  app.decorateRequest('device', null);
  addSecurityHeaders(app);

  const fail = (
    reply: FastifyReply,
    code: ErrorCode,
    message: string,
    extra: Partial<ErrorResponse> = {},
  ) => reply.code(STATUS[code]).send({ error: code, message, ...extra } satisfies ErrorResponse);

  app.setErrorHandler(
    (err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
      if (err instanceof PushError) {
        return fail(reply, err.code, err.message, { index: err.index, eventId: err.eventId });
      }
      if (err.validation) return fail(reply, 'invalid_request', err.message);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return fail(
          reply,
          'payload_too_large',
          `the request body is larger than ${BODY_LIMIT_BYTES} bytes`,
        );
      }
      if (err.statusCode !== undefined && err.statusCode < 500)
        return fail(reply, 'invalid_request', err.message);
      req.log.error(err);
      return fail(reply, 'internal', 'the server failed on this request; it has been logged');
    },
  );

  const enrolLimit = new RateLimiter(rateLimits.enrol);
  const tokenLimit = new RateLimiter(rateLimits.failedToken);
  const limited = (reply: FastifyReply, seconds: number, what: string) =>
    fail(
      reply.header('retry-after', String(seconds)),
      'rate_limited',
      `too many ${what} from this address: try again in ${seconds} s`,
    );

  const authenticate = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const wait = tokenLimit.blockedFor(req.ip);
    if (wait > 0) {
      await limited(reply, wait, 'failed token checks');
      return;
    }
    const device = token === '' ? null : await deviceOfToken(db, token);
    if (device === null) {
      tokenLimit.hit(req.ip);
      const why =
        token === '' ? 'a device token is required' : 'this device token is unknown or revoked';
      await fail(reply, 'unauthenticated', why);
      return;
    }
    req.device = device;
  };

  app.get('/v1/health', async () => ({
    status: 'ok' as const,
    protocol: PROTOCOL_VERSION,
    logId: sequencer.logId,
    head: sequencer.headSeq,
  }));

  app.post('/v1/enrol', { schema: { body: EnrolRequest } }, async (req, reply) => {
    const body = req.body as EnrolRequest;
    const wait = enrolLimit.blockedFor(req.ip);
    if (wait > 0) return limited(reply, wait, 'enrolment attempts');
    enrolLimit.hit(req.ip);
    try {
      const d = await enrol(db, body.code, body.deviceName);
      req.log.info({ deviceId: d.deviceId, districtId: d.districtId }, 'device enrolled');
      return { deviceId: d.deviceId, districtId: d.districtId, token: d.token };
    } catch (e) {
      if (e instanceof EnrolmentError) return fail(reply, 'unauthenticated', e.message);
      throw e;
    }
  });

  app.post('/v1/push', { schema: { body: PushRequest }, onRequest: authenticate }, async (req) => {
    const { events } = req.body as PushRequest;
    const d = req.device!;
    return sequencer.push(events, {
      kind: 'device',
      deviceId: d.deviceId,
      districtId: d.districtId,
    });
  });

  app.get(
    '/v1/pull',
    { schema: { querystring: PullQuery }, onRequest: authenticate },
    async (req, reply) => {
      const aborted = new AbortController();
      req.raw.on('close', () => aborted.abort());
      const district = req.device!.districtId;
      const page = await pullPage(db, sequencer, district, req.query as PullQuery, aborted.signal);
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );

  app.get(
    '/v1/pull/stream',
    { schema: { querystring: PullStreamQuery }, onRequest: authenticate },
    async (req, reply) => {
      const q = req.query as PullStreamQuery;
      const lastEventId = req.headers['last-event-id'];
      // A reconnecting EventSource sends the id of the last page it got: that is where it stands.
      const cursor = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : q.cursor;
      const token = (req.headers.authorization ?? '').slice(7).trim();
      reply.hijack();
      await streamPull({
        sql: db,
        sequencer,
        district: req.device!.districtId,
        cursor,
        limit: q.limit,
        req: req.raw,
        res: reply.raw,
        stillAllowed: async () => (await deviceOfToken(db, token)) !== null,
        keepAliveMs: streamKeepAliveMs,
      });
    },
  );

  if (updatesDir) {
    serveUpdates(app, updatesDir, (reply, message) => fail(reply, 'not_found', message));
  }

  if (portal) {
    app.register(portalPlugin(portal), { prefix: PORTAL_API_PREFIX });
    // A district reviewer's desktop fetches a privilege document named in a synced submission.
    app.get('/v1/documents/:id', { onRequest: authenticate }, async (req, reply) => {
      const doc = await portal.documents.read((req.params as { id: string }).id);
      if (!doc) return fail(reply, 'not_found', 'no such document');
      return reply.type(doc.type).header('content-disposition', 'attachment').send(doc.bytes);
    });
  }
  if (intake) registerIntakeRoutes(app, intake.intake, intake.auth);
  for (const add of routes) add(app);

  const portalRoot = o.portalRoot === undefined ? findPortalRoot() : o.portalRoot;
  const portalPage = portalRoot ? registerPortalStatic(app, portalRoot) : () => false;
  app.setNotFoundHandler((req, reply) => {
    if (portalPage(req, reply)) return reply;
    return fail(reply, 'not_found', `no such endpoint: ${req.method} ${req.url}`);
  });
  return app;
}
