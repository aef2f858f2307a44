// An application kept live: the server's event stream pushes every change; where the stream
// breaks (a proxy, a phone that slept) the page asks again every POLL_MS until it is back.
import { useEffect, useState } from 'react';
import { type ApplicationView, SSE_EVENT } from '../../../shared/portal/contract';
import { portalApi } from '../api/portal';

const POLL_MS = 15_000;

export function useApplication(id: string) {
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let closed = false;
    let poll: ReturnType<typeof setInterval> | null = null;
    const fetchOnce = () =>
      portalApi.application(id).then(
        (v) => !closed && (setView(v), setError(null)),
        (e) => !closed && setError(e),
      );
    void fetchOnce();
    const startPolling = () => {
      poll ??= setInterval(() => void fetchOnce(), POLL_MS);
    };
    let source: EventSource | null = null;
    if (typeof EventSource === 'function') {
      source = new EventSource(portalApi.applicationEventsUrl(id));
      source.addEventListener(SSE_EVENT, (e) => {
        try {
          setView(JSON.parse((e as MessageEvent<string>).data) as ApplicationView);
          setLive(true);
          if (poll) clearInterval(poll);
          poll = null;
        } catch {
          // A garbled message is skipped; the next one or the poll brings the state.
        }
      });
      source.onerror = () => {
        setLive(false);
        startPolling();
      };
    } else startPolling();
    return () => {
      closed = true;
      source?.close();
      if (poll) clearInterval(poll);
    };
  }, [id]);

  return { view, setView, error, live };
}
