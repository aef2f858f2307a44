// The admission orders (school.orders): the director's school, or for an officer every school's.
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { useSession } from '../auth/SessionContext';
import { CLOCK_CHANGED } from '../democlock/clockEvents';

export type Orders = Res<'school.orders'>;

export function useOrders(): { data: Orders | null; error: ApiError | null; loading: boolean; reload(): void } {
  const { noteError } = useSession();
  const [data, setData] = useState<Orders | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    const r = await api['school.orders']({});
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else {
      noteError(r.error);
      setError(r.error);
    }
    setLoading(false);
  }, [noteError]);
  useEffect(() => {
    void load();
    const again = () => void load();
    window.addEventListener(CLOCK_CHANGED, again);
    return () => window.removeEventListener(CLOCK_CHANGED, again);
  }, [load]);
  return { data, error, loading, reload: () => void load() };
}
