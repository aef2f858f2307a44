// What every screen's reading of main needs, without React: run a call, keep only
// the newest answer (a slow answer to an old filter must not overwrite a newer one),
// and report a failure once, to the session (which ends it on `unauthenticated`)
// and to the screen. useQuery is the React face of this; the tests drive it directly.
import type { ApiError, Result } from '../bridge';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  /** a call is out; `data` is the previous answer until it lands */
  loading: boolean;
}

export const IDLE: QueryState<never> = { data: null, error: null, loading: false };

export class QueryRunner<T> {
  private state: QueryState<T> = { data: null, error: null, loading: false };
  /** the number of the newest call; an answer to any older one is dropped */
  private latest = 0;
  private listeners = new Set<(s: QueryState<T>) => void>();
  private errorListeners = new Set<(error: ApiError) => void>();

  constructor(onError?: (error: ApiError) => void) {
    if (onError) this.errorListeners.add(onError);
  }

  get current(): QueryState<T> {
    return this.state;
  }

  subscribe(listener: (s: QueryState<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells `listener` of every failure from now on (the session, which may change). */
  onError(listener: (error: ApiError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Runs the call; resolves to its result, or to null when a newer call overtook it. */
  async run(call: () => Promise<Result<T>>): Promise<Result<T> | null> {
    const mine = ++this.latest;
    this.set({ ...this.state, loading: true });
    let result: Result<T>;
    try {
      result = await call();
    } catch {
      // The bridge answers every failure as a Result; a throw here is the transport gone.
      result = { ok: false, error: { code: 'unavailable', message: 'the call to main failed' } };
    }
    if (mine !== this.latest) return null;
    if (result.ok) this.set({ data: result.value, error: null, loading: false });
    else {
      for (const l of this.errorListeners) l(result.error);
      this.set({ ...this.state, error: result.error, loading: false });
    }
    return result;
  }

  /** Forgets any call still out (the screen went away or the query was switched off). */
  cancel(): void {
    this.latest++;
    if (this.state.loading) this.set({ ...this.state, loading: false });
  }

  /** Replaces the data in place (an answer to a write already holds the new state). */
  setData(data: T): void {
    this.set({ data, error: null, loading: this.state.loading });
  }

  private set(next: QueryState<T>): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
