// Sign-in backoff (issue 12, item 9): 40 wrong passwords in 4.5 s and then the right
// one used to be accepted. Failures are counted per username and per caller (an
// Electron window, a bridge client id); after a few free tries each further failure
// doubles the wait, up to a cap. While a key waits, sign-in is refused before any
// password is checked, so a guesser also gets no hashing time out of the machine.
// The username key counts unknown usernames the same way: the throttle does not tell
// which accounts exist. In memory: a restart forgets it (a local user who can
// restart the app can also copy the store file, which no throttle guards).

export interface ThrottlePolicy {
  /** failures allowed before any wait */
  freeFailures: number;
  /** the first wait; each further failure doubles it */
  baseMs: number;
  maxMs: number;
  /** a key with no failure for this long starts over */
  forgetMs: number;
  /** keys remembered at most (oldest forgotten first) */
  maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  forgetMs: 60 * 60_000,
  maxKeys: 10_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
  until: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  static keys(username: string, callerId: string): string[] {
    return [`user:${username.trim().normalize('NFC').toLowerCase()}`, `caller:${callerId}`];
  }

  /** Milliseconds before any of these keys may try again; 0 when they may now. */
  waitMs(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const e = this.live(key, now);
      if (e) wait = Math.max(wait, e.until - now);
    }
    return wait;
  }

  failure(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const e = this.live(key, now) ?? { failures: 0, lastFailureAt: now, until: 0 };
      e.failures++;
      e.lastFailureAt = now;
      const over = e.failures - this.policy.freeFailures;
      e.until =
        over > 0
          ? now + Math.min(this.policy.baseMs * 2 ** Math.min(over - 1, 30), this.policy.maxMs)
          : 0;
      // Re-insert so the map's order is least recently failed first.
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    while (this.entries.size > this.policy.maxKeys)
      this.entries.delete(this.entries.keys().next().value!);
  }

  success(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastFailureAt > this.policy.forgetMs && now >= e.until) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
