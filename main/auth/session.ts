// Who is calling. A session belongs to one caller: an Electron webContents, or one
// page load behind the HTTP bridge (its X-Kabyl-Client id). Sessions live in memory
// only: restarting the app signs everyone out, which is what a shared office PC wants.
//
// A signed-in session ends (issue 12, item 10):
// - after `idleMs` without a call (default 30 min; KABYL_SESSION_IDLE_MINUTES),
// - `absoluteMs` after sign-in whatever the activity (default 12 h: one working day),
// - when the same user signs out anywhere (sign-out ends the user's every session),
// - when the user has more than `perUser` sessions (the oldest goes), or there are
//   more than `maxCallers` callers in all (the least recently used go).
// The clock is injected so tests can move it.
import type { Role, User } from '../../shared/ipc/contract';
import type { Actor } from '../../shared/log/events';

export interface SessionUser extends User {
  userId: string;
}

export interface Session {
  readonly callerId: string;
  user: SessionUser | null;
  /** when the current user signed in (ms); 0 when signed out */
  signedInAt: number;
  /** the last call (ms) */
  seenAt: number;
  /** why the last signed-in user was signed out, for the next call to say so */
  ended: SessionEnd | null;
}

export type SessionEnd = 'idle' | 'lifetime' | 'signed_out' | 'too_many' | 'store_switched';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** signed-in sessions one user may hold at once */
  perUser: number;
  /** callers (signed in or not) remembered at once */
  maxCallers: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  perUser: 5,
  maxCallers: 200,
};

/** The policy with the idle timeout from KABYL_SESSION_IDLE_MINUTES when set (1 to 1440). */
export function sessionPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
  const raw = env.KABYL_SESSION_IDLE_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_SESSION_POLICY;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new RangeError(
      `KABYL_SESSION_IDLE_MINUTES: expected whole minutes from 1 to 1440, got ${JSON.stringify(raw)}`,
    );
  }
  return { ...DEFAULT_SESSION_POLICY, idleMs: minutes * 60_000 };
}

export class Sessions {
  private readonly byCaller = new Map<string, Session>();
  /** every signed-in session, also those made outside this registry (tests): sign-out reaches them all */
  private readonly signedIn = new Set<Session>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  get(callerId: string): Session {
    let s = this.byCaller.get(callerId);
    if (s) {
      // Map order is least recently used first.
      this.byCaller.delete(callerId);
    } else {
      s = { callerId, user: null, signedInAt: 0, seenAt: this.now(), ended: null };
    }
    this.byCaller.set(callerId, s);
    this.evictCallers(callerId);
    return s;
  }

  /**
   * Before every call: ends a signed-in session that is idle or past its lifetime,
   * then marks the call. Returns the session for chaining.
   */
  touch(s: Session): Session {
    const now = this.now();
    if (s.user) {
      if (now - s.signedInAt >= this.policy.absoluteMs) this.end(s, 'lifetime');
      else if (now - s.seenAt >= this.policy.idleMs) this.end(s, 'idle');
    }
    s.seenAt = now;
    return s;
  }

  signIn(s: Session, user: SessionUser): void {
    if (s.user) this.signedIn.delete(s);
    s.user = user;
    s.signedInAt = this.now();
    s.seenAt = s.signedInAt;
    s.ended = null;
    this.signedIn.add(s);
    const mine = [...this.signedIn]
      .filter((x) => x.user?.userId === user.userId)
      .sort((a, b) => a.signedInAt - b.signedInAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.policy.perUser)))
      this.end(old, 'too_many');
  }

  /** Sign-out ends every session of the caller's user, in every window and client. */
  signOut(s: Session): number {
    const user = s.user;
    if (!user) return 0;
    let ended = 0;
    for (const x of [...this.signedIn]) {
      if (x.user?.userId === user.userId) {
        this.end(x, 'signed_out');
        ended++;
      }
    }
    return ended;
  }

  drop(callerId: string): void {
    const s = this.byCaller.get(callerId);
    if (s) this.signedIn.delete(s);
    this.byCaller.delete(callerId);
  }

  /** Users belong to a store: switching stores signs every caller out. */
  signOutAll(): void {
    for (const s of [...this.signedIn]) this.end(s, 'store_switched');
    for (const s of this.byCaller.values()) s.user = null;
  }

  get size(): number {
    return this.byCaller.size;
  }

  get signedInCount(): number {
    return this.signedIn.size;
  }

  end(s: Session, why: SessionEnd): void {
    s.user = null;
    s.signedInAt = 0;
    s.ended = why;
    this.signedIn.delete(s);
  }

  /** Anonymous callers go first, then the least recently used signed-in ones; never the one calling now. */
  private evictCallers(current: string): void {
    if (this.byCaller.size <= this.policy.maxCallers) return;
    for (const [id, s] of this.byCaller) {
      if (this.byCaller.size <= this.policy.maxCallers) return;
      if (!s.user && id !== current) this.byCaller.delete(id);
    }
    for (const [id, s] of this.byCaller) {
      if (this.byCaller.size <= this.policy.maxCallers) return;
      if (id === current) continue;
      this.end(s, 'too_many');
      this.byCaller.delete(id);
    }
  }
}

/** The actor every event written on this user's behalf carries (FORMATS.md envelope). */
export function actorOf(user: SessionUser | null): (Actor & { role: Role }) | null {
  return user ? { role: user.role, id: user.username } : null;
}
