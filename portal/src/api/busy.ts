// The server's "not now" (429/503 with Retry-After, issue 11) as shared state: while a
// request waits to be retried, the app shows the calm waiting page instead of an error.
// Several requests may wait at once; the page shows the one due last and "try now"
// releases them all.
import { useSyncExternalStore } from 'react';

export interface BusyState {
  /** when the next try is due (epoch ms) */
  retryAt: number;
  /** how many times the server has said "not now" to this request */
  attempt: number;
  /** resolves the wait at once (the parent's "try now") */
  tryNow: () => void;
}

const waiting = new Map<number, BusyState>();
let state: BusyState | null = null;
const listeners = new Set<() => void>();

function publish(): void {
  const all = [...waiting.values()];
  state =
    all.length === 0
      ? null
      : {
          retryAt: Math.max(...all.map((w) => w.retryAt)),
          attempt: Math.max(...all.map((w) => w.attempt)),
          tryNow: () => all.forEach((w) => w.tryNow()),
        };
  for (const l of listeners) l();
}

/** Request `id` waits (a state) or no longer waits (null). */
export function setBusy(id: number, next: BusyState | null): void {
  if (next) waiting.set(id, next);
  else if (!waiting.delete(id)) return;
  publish();
}

/** The state now; for code outside React (and the client's tests). */
export function busyNow(): BusyState | null {
  return state;
}

export function useBusy(): BusyState | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
