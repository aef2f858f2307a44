// Loads one argument-less channel and loads it again whenever the demo clock
// moves (days left, at-risk marks and the documents window all change with it).
import { api, type ApiError, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';

type NoArgChannel = 'school.orders' | 'school.children';

export function useClockedQuery<C extends NoArgChannel>(
  channel: C,
): { data: Res<C> | null; error: ApiError | null; loading: boolean; reload(): void } {
  // Both channels take an optional filter; asking with none is always well-typed.
  const call = api[channel] as unknown as (
    req: object,
  ) => Promise<{ ok: true; value: Res<C> } | { ok: false; error: ApiError }>;
  const query = useQuery<Res<C>>(channel, () => call({}), { reloadOnClock: true });
  // Loading until the first answer, as the screens expect.
  const loading = query.loading || (query.data === null && query.error === null);
  return { data: query.data, error: query.error, loading, reload: () => void query.reload() };
}
