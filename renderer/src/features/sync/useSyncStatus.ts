// The sync status, polled: the shell shows it at all times and the sync page
// lists what it counts. Every 2 s is cheap (three counts in SQLite) and quick
// enough for "pending" to turn into "synced" while the officer watches.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../bridge';
import type { SyncStatusDto } from '../../../../shared/ipc/channels/sync';

const POLL_MS = 2000;

export function useSyncStatus(): { status: SyncStatusDto | null; refresh: () => Promise<void> } {
  const [status, setStatus] = useState<SyncStatusDto | null>(null);
  const refresh = useCallback(async () => {
    const r = await api['sync.status']({});
    if (r.ok) setStatus(r.value);
  }, []);
  useEffect(() => {
    // setState runs after the bridge answers, not synchronously in the effect; a poll's
    // failure stays quiet (the badge keeps its last state) rather than go through useQuery's
    // session error every 2 s.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { status, refresh };
}
