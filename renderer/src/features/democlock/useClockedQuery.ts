// Loads one argument-less channel and loads it again whenever the demo clock
// moves (days left, at-risk marks and the documents window all change with it).
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { useSession } from '../auth/SessionContext';
import { CLOCK_CHANGED } from './clockEvents';

type NoArgChannel = 'school.orders' | 'school.children';

export function useClockedQuery<C extends NoArgChannel>(channel: C): { data: Res<C> | null; error: ApiError | null; loading: boolean; reload(): void } {
  const { noteError } = useSession();
  const [data, setData] = useState<Res<C> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    // Both channels take an optional filter; asking with none is always well-typed.
    const call = api[channel] as unknown as (req: object) => Promise<{ ok: true; value: Res<C> } | { ok: false; error: ApiError }>;
    const r = await call({});
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else {
      noteError(r.error);
      setError(r.error);
    }
    setLoading(false);
  }, [channel, noteError]);

  useEffect(() => {
    void load();
    const again = () => void load();
    window.addEventListener(CLOCK_CHANGED, again);
    return () => window.removeEventListener(CLOCK_CHANGED, again);
  }, [load]);

  return { data, error, loading, reload: () => void load() };
}
