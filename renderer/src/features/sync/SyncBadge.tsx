// The sync status in the header of a real district: synced, N pending, offline
// since T, or N conflicts (the most urgent wins); a link to the sync page.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/formatting';
import type { SyncStatusDto } from '../../../../shared/ipc/channels/sync';
import { useSyncStatus } from './useSyncStatus';
import type { SyncState } from './syncCodes';
import './sync.css';

export function syncState(s: SyncStatusDto): SyncState {
  if (!s.connected) return 'disconnected';
  if (s.error) return 'error';
  if (s.conflicts > 0) return 'conflicts';
  if (s.offlineSince) return 'offline';
  if (s.pending > 0) return 'pending';
  return 'synced';
}

export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const { status } = useSyncStatus();
  if (!status) return null;
  const state = syncState(status);
  const text = {
    disconnected: t('sync.badge.disconnected'),
    error: t('sync.badge.error'),
    conflicts: t('sync.badge.conflicts', { count: status.conflicts }),
    offline: t('sync.badge.offline', {
      since: status.offlineSince ? formatDateTime(status.offlineSince, i18n.language) : '',
    }),
    pending: t('sync.badge.pending', { count: status.pending }),
    synced: t('sync.badge.synced'),
  }[state];
  const extra =
    state !== 'pending' && status.pending > 0
      ? ` · ${t('sync.badge.pending', { count: status.pending })}`
      : '';
  return (
    <a
      href="#/sync"
      className={`sync-badge sync-${state}`}
      data-testid="sync-status"
      data-state={state}
      data-pending={status.pending}
    >
      {text}
      {extra}
    </a>
  );
}
