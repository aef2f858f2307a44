// Registration, the one-time link, sign-in and out, session, recovery.
import type { FastifyInstance } from 'fastify';
import {
  ForgotPasswordRequest,
  LinkQuery,
  RegisterRequest,
  SetPasswordRequest,
  SignInRequest,
  UpdateAccountRequest,
} from '../../../shared/portal/contract';
import { LinkInvalid, SESSION_HOURS, toAccount } from '../accounts/accounts';
import { PortalFailure } from '../errors';
import type { Portal } from '../portal';
import type { Guard } from './plugin';
import { clearSessionCookie, setSessionCookie } from './security';
import { parseOrFail } from './validate';

export function accountRoutes(
  app: FastifyInstance,
  portal: Portal,
  guard: Guard,
  limit: { rateLimit: { max: number; timeWindow: number } },
): void {
  const a = portal.accounts;
  const linkFailure = (e: unknown) => {
    if (e instanceof LinkInvalid) throw new PortalFailure('link_invalid', e.message);
    throw e;
  };

  app.post('/register', { config: limit }, async (req, reply) => {
    const body = parseOrFail(RegisterRequest, req.body);
    await a.register(body);
    return reply.code(202).send({ status: 'sent' });
  });

  app.post('/forgot-password', { config: limit }, async (req, reply) => {
    const body = parseOrFail(ForgotPasswordRequest, req.body);
    await a.forgotPassword(body.pin, body.email);
    return reply.code(202).send({ status: 'sent' });
  });

  app.get('/password/link', { config: limit }, async (req) => {
    const { token } = parseOrFail(LinkQuery, req.query);
    const info = await a.linkInfo(token).catch(linkFailure);
    return { purpose: info!.purpose, email: info!.email, expiresAt: info!.expiresAt.toISOString() };
  });

  app.post('/password/set', { config: limit }, async (req, reply) => {
    const body = parseOrFail(SetPasswordRequest, req.body);
    const s = await a.setPassword(body.token, body.password).catch(linkFailure);
    setSessionCookie(reply, s!.token, SESSION_HOURS * 3600);
    return s!.session;
  });

  app.post('/sign-in', { config: limit }, async (req, reply) => {
    const body = parseOrFail(SignInRequest, req.body);
    const s = await a.signIn(body.login, body.password);
    if (!s) throw new PortalFailure('bad_credentials', 'the login or the password is wrong');
    setSessionCookie(reply, s.token, SESSION_HOURS * 3600);
    return s.session;
  });

  app.post('/sign-out', async (req, reply) => {
    const p = await guard(req);
    await a.signOut(p.token);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/session', async (req) => (await guard(req)).session);

  app.patch('/account', async (req) => {
    const p = await guard(req);
    const { language } = parseOrFail(UpdateAccountRequest, req.body);
    await a.setLanguage(p.account.account_id, language);
    return toAccount({ ...p.account, language });
  });
}
