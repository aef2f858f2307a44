// The server's "not now" (429/503 with Retry-After, issue 11) as shared state: while a
// request waits to be retried, the app shows the calm waiting page instead of an error.
import { useSyncExternalStore } from 'react';

export interface BusyState {
  /** when the next try is due (epoch ms) */
  retryAt: number;
  /** how many times the server has said "not now" to this request */
  attempt: number;
  /** resolves the wait at once (the parent's "try now") */
  tryNow: () => void;
}

let state: BusyState | null = null;
const listeners = new Set<() => void>();

export function setBusy(next: BusyState | null): void {
  state = next;
  for (const l of listeners) l();
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
