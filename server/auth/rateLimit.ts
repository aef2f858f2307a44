// A fixed-window counter per client address: enrolment attempts and failed
// token checks. Enrolment codes (80 bits) and tokens (256 bits) cannot be
// guessed in any number of tries, so the limit is about load and noise: a
// script hammering /v1/enrol or a revoked desktop retrying in a tight loop
// is slowed to a trickle and told when to come back (429, Retry-After).

export interface RateLimit {
  /** attempts allowed per window and address */
  max: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when `key` is over the limit, else 0. Does not count. */
  blockedFor(key: string): number {
    const w = this.current(key);
    if (!w || w.count < this.limit.max) return 0;
    return Math.max(1, Math.ceil((w.start + this.limit.windowMs - this.now()) / 1000));
  }

  /** Counts one attempt of `key`. */
  hit(key: string): void {
    let w = this.current(key);
    if (!w) this.windows.set(key, (w = { start: this.now(), count: 0 }));
    w.count++;
    // Old windows go, so a scan of addresses cannot grow the map without bound.
    if (this.windows.size > 10_000) this.sweep();
  }

  private current(key: string): { start: number; count: number } | undefined {
    const w = this.windows.get(key);
    if (w && this.now() - w.start >= this.limit.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, w] of this.windows) if (t - w.start >= this.limit.windowMs) this.windows.delete(k);
  }
}

export interface RateLimits {
  enrol: RateLimit;
  failedToken: RateLimit;
}

/** Ten enrolments per address in 15 minutes; thirty failed token checks per address a minute. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrol: { max: 10, windowMs: 15 * 60_000 },
  failedToken: { max: 30, windowMs: 60_000 },
};
