// Wraps a registry with a timeout per call, retries with backoff, and a
// circuit breaker: after `failureThreshold` consecutive failures the circuit
// opens and calls fail at once (RegistryUnavailable) for `openMs`; then one
// trial call is let through (half-open), and its success closes the circuit.
// A slow registry under an opening-day burst then costs the portal nothing:
// applications wait as "address pending" instead of holding connections.
import { type ChildRecord, RegistryUnavailable, type StateRegistry } from './adapter';

export interface ResilienceOptions {
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  failureThreshold?: number;
  openMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

export class ResilientRegistry implements StateRegistry {
  private failures = 0;
  private openedAt = 0;
  private state: CircuitState = 'closed';
  private trial = false;
  private readonly o: Required<ResilienceOptions>;

  constructor(
    private readonly inner: StateRegistry,
    options: ResilienceOptions = {},
  ) {
    this.o = {
      timeoutMs: options.timeoutMs ?? 3_000,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 200,
      failureThreshold: options.failureThreshold ?? 5,
      openMs: options.openMs ?? 30_000,
      now: options.now ?? Date.now,
    };
  }

  get circuit(): CircuitState {
    if (this.state === 'open' && this.o.now() - this.openedAt >= this.o.openMs) return 'half_open';
    return this.state;
  }

  lookupChild(pin: string): Promise<ChildRecord | null> {
    return this.call((signal) => this.inner.lookupChild(pin, signal));
  }

  isGuardian(adultPin: string, childPin: string): Promise<boolean> {
    return this.call((signal) => this.inner.isGuardian(adultPin, childPin, signal));
  }

  private async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let lastError: Error | null = null;
    for (let attempt = 0; attempt <= this.o.retries; attempt++) {
      this.admit();
      try {
        const value = await withTimeout(fn, this.o.timeoutMs);
        this.succeeded();
        return value;
      } catch (e) {
        lastError = e as Error;
        this.failed();
        if (this.state === 'open') break;
        if (attempt < this.o.retries) await sleep(this.o.retryDelayMs * 2 ** attempt);
      }
    }
    throw new RegistryUnavailable(`the state registry did not answer: ${lastError?.message}`);
  }

  /** Throws at once while the circuit is open; lets one trial through when half-open. */
  private admit(): void {
    const c = this.circuit;
    if (c === 'open' || (c === 'half_open' && this.trial)) {
      throw new RegistryUnavailable('the state registry is unavailable (circuit open)');
    }
    if (c === 'half_open') this.trial = true;
  }

  private succeeded(): void {
    this.failures = 0;
    this.state = 'closed';
    this.trial = false;
  }

  private failed(): void {
    this.failures++;
    if (this.trial || this.failures >= this.o.failureThreshold) {
      this.state = 'open';
      this.openedAt = this.o.now();
    }
    this.trial = false;
  }
}

async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([fn(ac.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
