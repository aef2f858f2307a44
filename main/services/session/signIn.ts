// Sign-in against the open store's users. Unknown user and wrong password answer
// the same, after the same hashing work, so neither the message nor the time tells
// which usernames exist. Repeated failures wait (auth/throttle.ts) before any password
// is checked; a legacy scrypt hash is replaced by argon2id once the password is known.
import type { User } from '../../../shared/ipc/contract';
import { ServiceError } from '../errors';
import type { StorePort, StoredUser } from '../storePort';
import {
  checkPassword,
  decoyHash,
  hashGate,
  HASH_QUEUE_MAX,
  hashPassword,
} from '../../auth/password';
import type { Session, SessionUser, Sessions } from '../../auth/session';
import { SignInThrottle } from '../../auth/throttle';

export const TOO_MANY_ATTEMPTS = 'too_many_attempts';

function tryLater(waitMs: number): ServiceError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ServiceError(
    'refused',
    `too many sign-in attempts: try again in ${seconds} s`,
    TOO_MANY_ATTEMPTS,
    seconds,
  );
}

export interface SignInDeps {
  store: StorePort;
  sessions: Sessions;
  throttle: SignInThrottle;
}

export async function signIn(
  deps: SignInDeps,
  session: Session,
  username: string,
  password: string,
): Promise<User> {
  const name = username.trim();
  const keys = SignInThrottle.keys(name, session.callerId);
  const wait = deps.throttle.waitMs(keys);
  if (wait > 0) throw tryLater(wait);
  // A flood beyond what the hashing queue holds is told to come back, not queued forever.
  if (hashGate.queued >= HASH_QUEUE_MAX) throw tryLater(1000);

  const found = await deps.store.findUser(name);
  const checked = await checkPassword(password, found?.passwordHash ?? (await decoyHash()));
  if (!found || !checked.ok) {
    if (session.user) deps.sessions.end(session, 'signed_out');
    deps.throttle.failure(keys);
    throw new ServiceError('unauthenticated', 'wrong username or password');
  }
  deps.throttle.success(keys);
  if (checked.needsRehash) {
    // Best effort: a failed rewrite leaves the old hash, which still verifies.
    await hashPassword(password)
      .then((h) => deps.store.setPasswordHash(found.id, h))
      .catch(() => undefined);
  }
  deps.sessions.signIn(session, await sessionUser(deps.store, found));
  return publicUser(session.user!);
}

export async function sessionUser(store: StorePort, u: StoredUser): Promise<SessionUser> {
  let schoolName: string | null = null;
  if (u.role === 'director' && u.schoolId) {
    schoolName = (await store.schools(u.schoolId))[0]?.name ?? null;
  }
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    schoolId: u.schoolId,
    schoolName,
  };
}

/** The user as the page may see it: no ids beyond the username, never the hash. */
export function publicUser(u: SessionUser): User {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    schoolId: u.schoolId,
    schoolName: u.schoolName,
  };
}
