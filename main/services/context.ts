// What every service function receives: the open store (null before the first-start
// choice), who is calling, and the actor that any event written for them must carry.
import type { Session, SessionUser } from '../auth/session';
import { ServiceError } from './errors';
import type { AppPort } from './appPort';
import type { StorePort } from './storePort';
import type { Role } from '../../shared/ipc/contract';

export interface ServiceContext {
  app: AppPort;
  store: StorePort | null;
  session: Session;
  actor: { role: Role; id: string } | null;
}

export function requireStore(ctx: ServiceContext): StorePort {
  if (!ctx.store)
    throw new ServiceError(
      'unavailable',
      'no district is open yet: choose the demo or a real district first',
    );
  return ctx.store;
}

export function requireUser(ctx: ServiceContext): SessionUser {
  if (!ctx.session.user) throw new ServiceError('unauthenticated', 'sign in first');
  return ctx.session.user;
}

/** The one school a caller is limited to, or null for district-wide roles. */
export function schoolScope(ctx: ServiceContext): string | null {
  const user = ctx.session.user;
  return user?.role === 'director' ? user.schoolId : null;
}
