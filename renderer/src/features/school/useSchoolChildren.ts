// The director's children list (school.children). Main scopes it to the director's
// school; the list reloads when the demo clock moves (days left change with it).
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { useSession } from '../auth/SessionContext';
import { CLOCK_CHANGED } from '../democlock/clockEvents';

export type SchoolChildren = Res<'school.children'>;
export type Child = SchoolChildren['children'][number];

export function useSchoolChildren(): { data: SchoolChildren | null; error: ApiError | null; loading: boolean; reload(): void } {
  const { noteError } = useSession();
  const [data, setData] = useState<SchoolChildren | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    const r = await api['school.children']({});
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
