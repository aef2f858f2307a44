// Sign-in against the open store's users. Unknown user and wrong password answer
// the same, after the same scrypt work, so neither the message nor the time tells
// which usernames exist.
import type { User } from '../../../shared/ipc/contract';
import { ServiceError } from '../errors';
import type { StorePort, StoredUser } from '../storePort';
import { decoyHash, verifyPassword } from '../../auth/password';
import type { Session, SessionUser } from '../../auth/session';

export async function signIn(store: StorePort, session: Session, username: string, password: string): Promise<User> {
  const found = await store.findUser(username.trim());
  const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
  if (!found || !ok) {
    session.user = null;
    throw new ServiceError('unauthenticated', 'wrong username or password');
  }
  session.user = await sessionUser(store, found);
  return publicUser(session.user);
}

export async function sessionUser(store: StorePort, u: StoredUser): Promise<SessionUser> {
  let schoolName: string | null = null;
  if (u.role === 'director' && u.schoolId) {
    schoolName = (await store.schools(u.schoolId))[0]?.name ?? null;
  }
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, schoolId: u.schoolId, schoolName };
}

/** The user as the page may see it: no ids beyond the username, never the hash. */
export function publicUser(u: SessionUser): User {
  return { username: u.username, displayName: u.displayName, role: u.role, schoolId: u.schoolId, schoolName: u.schoolName };
}
