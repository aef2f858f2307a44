// The current screen lives in the URL hash (#/import): it survives a reload and works
// the same over file:// under Electron and http:// under the harness.
import { useCallback, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function current(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

export function useHashRoute(): [string, (route: string) => void] {
  const route = useSyncExternalStore(subscribe, current);
  const navigate = useCallback((next: string) => {
    window.location.hash = `/${next}`;
  }, []);
  return [route, navigate];
}
