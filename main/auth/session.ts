// Who is calling. A session belongs to one caller: an Electron webContents, or one
// page load behind the HTTP bridge (its X-Kabyl-Client id). Sessions live in memory
// only: restarting the app signs everyone out, which is what a shared office PC wants.
import type { Role, User } from '../../shared/ipc/contract';
import type { Actor } from '../../shared/log/events';

export interface SessionUser extends User {
  userId: string;
}

export interface Session {
  readonly callerId: string;
  user: SessionUser | null;
}

export class Sessions {
  private readonly byCaller = new Map<string, Session>();

  get(callerId: string): Session {
    let s = this.byCaller.get(callerId);
    if (!s) {
      s = { callerId, user: null };
      this.byCaller.set(callerId, s);
    }
    return s;
  }

  drop(callerId: string): void {
    this.byCaller.delete(callerId);
  }

  /** Users belong to a store: switching stores signs every caller out. */
  signOutAll(): void {
    for (const s of this.byCaller.values()) s.user = null;
  }

  get size(): number {
    return this.byCaller.size;
  }
}

/** The actor every event written on this user's behalf carries (FORMATS.md envelope). */
export function actorOf(user: SessionUser | null): (Actor & { role: Role }) | null {
  return user ? { role: user.role, id: user.username } : null;
}
