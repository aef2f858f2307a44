import { useCallback, useEffect, useState } from 'react';

/** A page's data: loaded on open and on `reload()`; the error is the raw one for describeError. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  // The loader closes over `deps`: they, not its identity, decide when it runs again.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    setError(null);
    return run().then(setData, setError);
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}
