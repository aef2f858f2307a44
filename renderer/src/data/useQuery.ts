// The one way a screen reads from main and runs a command: the answer or the error
// in state, the session told of a failure (it ends on `unauthenticated`), and only
// the newest answer kept. Chosen over TanStack Query: the bridge already answers
// with a typed Result, nothing is cached across screens, and a 70-line hook over
// QueryRunner covers what the screens need (docs/ui.md, "Reading from main").
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../bridge';
import { useSession } from '../features/auth/SessionContext';
import { CLOCK_CHANGED } from '../features/democlock/clockEvents';
import { QueryRunner, type QueryState } from './queryRunner';

export type { QueryState } from './queryRunner';

/** A runner bound to the session, for flows useQuery does not fit (a list read page by page). */
export function useRunner<T>(): [QueryRunner<T>, QueryState<T>] {
  const { noteError } = useSession();
  const [runner] = useState(() => new QueryRunner<T>());
  // Declared before any effect that runs a call, so the first call's failure is told too.
  useEffect(() => runner.onError(noteError), [runner, noteError]);
  const [state, setState] = useState(runner.current);
  useEffect(() => {
    const off = runner.subscribe(setState);
    return () => {
      off();
      runner.cancel();
    };
  }, [runner]);
  return [runner, state];
}

export interface Query<T> extends QueryState<T> {
  /** asks again with the same request (after a write, or when the demo clock moved) */
  reload(): Promise<void>;
  /** puts an answer already in hand (a write's result) in place of the data */
  setData(data: T): void;
}

/**
 * Reads with `call` whenever `key` changes (a string naming the request, e.g. its
 * JSON); `key === null` reads nothing. `reloadOnClock` reads again when the demo
 * clock moves, for screens whose figures follow the clock.
 */
export function useQuery<T>(
  key: string | null,
  call: () => Promise<Result<T>>,
  options: { reloadOnClock?: boolean } = {},
): Query<T> {
  const [runner, state] = useRunner<T>();
  const latestCall = useRef(call);
  useLayoutEffect(() => {
    latestCall.current = call;
  });
  const reload = useCallback(async () => {
    if (key !== null) await runner.run(() => latestCall.current());
  }, [key, runner]);

  useEffect(() => {
    if (key === null) runner.cancel();
    else void runner.run(() => latestCall.current());
  }, [key, runner]);

  const { reloadOnClock = false } = options;
  useEffect(() => {
    if (!reloadOnClock) return;
    const again = () => void reload();
    window.addEventListener(CLOCK_CHANGED, again);
    return () => window.removeEventListener(CLOCK_CHANGED, again);
  }, [reloadOnClock, reload]);

  const setData = useCallback((data: T) => runner.setData(data), [runner]);
  return { ...state, reload, setData };
}

export interface Command {
  busy: boolean;
  error: ApiError | null;
  /** Runs a write; its value, or null after the error was noted and put in `error`. */
  run<T>(call: () => Promise<Result<T>>): Promise<T | null>;
  clearError(): void;
}

/** A write from a screen: busy while out, the refusal or error kept for the screen to explain. */
export function useCommand(): Command {
  const { noteError } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async <T>(call: () => Promise<Result<T>>): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        const r = await call();
        if (r.ok) return r.value;
        noteError(r.error);
        setError(r.error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [noteError],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
