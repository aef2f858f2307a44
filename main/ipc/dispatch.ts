// The one door into main: Electron's ipcMain handlers and the harness's HTTP bridge
// both call dispatch(). It validates, checks the role and a director's school scope,
// runs the service, validates the answer against the contract, and never throws.
import type { z } from 'zod';
import {
  type ApiError,
  contract,
  describeIssues,
  isChannel,
  type Channel,
  type Res,
  type Result,
} from '../../shared/ipc/contract';
import type { Session } from '../auth/session';
import { ServiceError } from '../services/errors';

export type ParsedReq<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type Handler<C extends Channel, Ctx> = (
  request: ParsedReq<C>,
  ctx: Ctx,
) => Promise<Res<C>> | Res<C>;
export type HandlerMap<Ctx> = { [C in Channel]: Handler<C, Ctx> };

export type Dispatch = (
  channel: unknown,
  rawRequest: unknown,
  session: Session,
) => Promise<Result<unknown>>;

/** Request fields that name a school: a director may only name their own. */
const SCHOOL_FIELDS = ['schoolId', 'toSchoolId'] as const;

export interface DispatcherOptions {
  /** where unexpected errors are reported (main's log); never to the caller */
  onInternalError?: (channel: string, error: unknown) => void;
}

export function createDispatcher<Ctx>(
  handlers: HandlerMap<Ctx>,
  makeContext: (session: Session) => Ctx,
  options: DispatcherOptions = {},
): Dispatch {
  const report = options.onInternalError ?? ((ch, e) => console.error(`[kabyl] ${ch} failed:`, e));

  return async function dispatch(channel, rawRequest, session) {
    if (!isChannel(channel)) {
      return fail(
        'not_found',
        `unknown channel: ${typeof channel === 'string' ? channel.slice(0, 100) : typeof channel}`,
      );
    }
    const spec = contract[channel];
    // An argument-less call from a thin client arrives as undefined; treat it as {}.
    const parsed = spec.request.safeParse(rawRequest === undefined ? {} : rawRequest);
    if (!parsed.success) return fail('invalid_request', describeIssues(parsed.error));

    const user = session.user;
    if (spec.access !== 'public') {
      if (!user) return fail('unauthenticated', `sign in to use ${channel}`);
      if (!spec.access.includes(user.role))
        return fail('forbidden', `${channel} is not open to the ${user.role} role`);
      if (user.role === 'director') {
        const req = parsed.data as Record<string, unknown>;
        for (const field of SCHOOL_FIELDS) {
          if (typeof req[field] === 'string' && req[field] !== user.schoolId) {
            return fail('forbidden', `${field}: a director acts on their own school only`);
          }
        }
      }
    }

    try {
      const handler = handlers[channel] as Handler<Channel, Ctx>;
      const value = await handler(parsed.data as never, makeContext(session));
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        report(
          channel,
          new Error(`response breaks the contract: ${describeIssues(checked.error)}`),
        );
        return fail('internal', `${channel}: internal error`);
      }
      return { ok: true, value: checked.data };
    } catch (e) {
      if (e instanceof ServiceError) return { ok: false, error: toApiError(e) };
      report(channel, e);
      // The message stays generic: errors can quote PINs or addresses from the store.
      return fail('internal', `${channel}: internal error`);
    }
  };
}

function fail(
  code: 'not_found' | 'invalid_request' | 'unauthenticated' | 'forbidden' | 'internal',
  message: string,
): Result<never> {
  return { ok: false, error: { code, message } };
}

/** A service's expected failure as the contract's error; `reason` only when the service gave one. */
export function toApiError(e: ServiceError): ApiError {
  const error: ApiError = { code: e.code, message: e.message };
  if (e.reason !== undefined) error.reason = e.reason;
  if (e.retryAfterSeconds !== undefined) error.retryAfterSeconds = e.retryAfterSeconds;
  return error;
}
