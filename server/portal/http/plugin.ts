// The portal's HTTP API under PORTAL_API_PREFIX (shared/portal/contract.ts):
// its own error shape (PortalError, every bad field named), sessions by
// cookie, CSRF on every state-changing request, rate limits on sign-in,
// registration and recovery.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CSRF_HEADER,
  MAX_DOCUMENT_BYTES,
  type PortalError,
  SESSION_COOKIE,
  type SessionInfo,
} from '../../../shared/portal/contract';
import type { AccountRow } from '../accounts/accounts';
import { PortalFailure } from '../errors';
import type { Portal } from '../portal';
import { accountRoutes } from './accountRoutes';
import { applicationRoutes } from './applicationRoutes';
import { readCookie } from './security';

export interface Authed {
  account: AccountRow;
  session: SessionInfo;
  token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    parent: Authed | null;
  }
}

export type Guard = (req: FastifyRequest) => Promise<Authed>;

export function portalPlugin(portal: Portal) {
  return async (app: FastifyInstance): Promise<void> => {
    app.decorateRequest('parent', null);
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) => {
        const body: PortalError = { error: 'rate_limited', message: `too many requests; retry after ${ctx.after}` };
        // @fastify/rate-limit throws what this returns: give it the status the error handler reads.
        return Object.assign(new PortalFailure('rate_limited', body.message), { statusCode: 429 });
      },
    });
    app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      if (err instanceof PortalFailure) return sendFailure(reply, err);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const msg = `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`;
        return sendFailure(
          reply,
          new PortalFailure('payload_too_large', msg, { fields: [{ field: 'file', code: 'file_too_large', message: msg }] }),
        );
      }
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return sendFailure(reply, new PortalFailure('unsupported_media_type', err.message));
      }
      if (err.statusCode !== undefined && err.statusCode < 500) {
        return sendFailure(reply, new PortalFailure('invalid_request', err.message));
      }
      req.log.error(err);
      return sendFailure(reply, new PortalFailure('internal', 'the server failed on this request; it has been logged'));
    });
    app.setNotFoundHandler((req, reply) =>
      sendFailure(reply, new PortalFailure('not_found', `no such endpoint: ${req.method} ${req.url}`)),
    );

    const guard: Guard = async (req) => {
      if (req.parent) return req.parent;
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      const session = token ? await portal.accounts.session(token) : null;
      if (!token || !session) throw new PortalFailure('unauthenticated', 'sign in first');
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== session.csrfToken) {
        throw new PortalFailure('csrf', `the ${CSRF_HEADER} header is missing or does not match this session`);
      }
      const account = await portal.accounts.account(session.account.accountId);
      req.parent = { account, session, token };
      return req.parent;
    };

    const limit = { rateLimit: { max: portal.o.rateLimitPerMinute ?? 10, timeWindow: 60_000 } };
    accountRoutes(app, portal, guard, limit);
    applicationRoutes(app, portal, guard);
  };
}

function sendFailure(reply: FastifyReply, f: PortalFailure): FastifyReply {
  if (f.code === 'rate_limited' || f.code === 'unavailable' || f.code === 'registry_unavailable') {
    if (!reply.hasHeader('retry-after')) reply.header('retry-after', '30');
  }
  const body: PortalError = { error: f.code, message: f.message, ...f.extra };
  return reply.code(f.status).send(body);
}
