// Sync with the central server (docs/sync.md, "The desktop"): connect a real
// district (officer, once), the status, what is not yet confirmed, and the Sync
// conflicts list: what, who and why, in the user's language. Nothing refused
// disappears: a conflict stays listed after it is marked as seen.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { codeLabel } from '../../i18n/codeLabel';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { useSession } from '../auth/SessionContext';
import type { SyncConflictDto } from '../../../../shared/ipc/channels/sync';
import type { ApiError, Res } from '../../bridge';
import { syncState } from './SyncBadge';
import { useSyncStatus } from './useSyncStatus';
import { SYNC_CONNECT_ERRORS, SYNC_PROTOCOL_REASONS } from './syncCodes';
import './sync.css';

type Pending = Res<'sync.pending'>['events'][number];

function why(t: TFunction, c: SyncConflictDto): string {
  if ((SYNC_PROTOCOL_REASONS as readonly string[]).includes(c.reason))
    return t(`sync.protocolReason.${c.reason}`);
  return codeLabel(t, 'reason', c.reason);
}

export function SyncPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { status, refresh } = useSyncStatus();
  const [pending, setPending] = useState<Pending[]>([]);
  const [conflicts, setConflicts] = useState<SyncConflictDto[]>([]);
  const command = useCommand();
  const when = (at: string) => formatDateTime(at, i18n.language);

  const load = useCallback(async () => {
    const [p, c] = await Promise.all([api['sync.pending']({}), api['sync.conflicts']({})]);
    if (p.ok) setPending(p.value.events);
    if (c.ok) setConflicts(c.value.conflicts);
  }, []);
  // The lists follow the status the shell polls: reloaded whenever its counts move.
  useEffect(() => {
    // setState runs after the bridge answers, not synchronously in the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load, status?.pending, status?.conflicts, status?.lastSyncAt]);

  async function markSeen(id: string) {
    if (await command.run(() => api['sync.markSeen']({ ids: [id] }))) {
      await Promise.all([load(), refresh()]);
    }
  }

  if (!status) return <div className="page" data-testid="sync-page" />;
  const state = syncState(status);
  return (
    <div className="page" data-testid="sync-page">
      <h1>{t('sync.title')}</h1>
      {command.error && <Alert tone="error">{describeError(t, command.error)}</Alert>}
      <section className="panel">
        <h2>{t('sync.statusTitle')}</h2>
        <p data-testid="sync-state" data-state={state}>
          {t(`sync.state.${state}`, {
            count: status.pending,
            since: status.offlineSince ? when(status.offlineSince) : '',
          })}
        </p>
        {status.error && <Alert tone="error">{status.error}</Alert>}
        {status.connected && (
          <dl className="muted">
            <dt>{t('sync.server')}</dt>
            <dd data-testid="sync-server">{status.serverUrl}</dd>
            <dt>{t('sync.lastSync')}</dt>
            <dd>{status.lastSyncAt ? when(status.lastSyncAt) : t('sync.never')}</dd>
          </dl>
        )}
      </section>
      {!status.connected && user?.role === 'district' && <ConnectForm onConnected={refresh} />}
      <section className="panel">
        <h2>{t('sync.pendingTitle')}</h2>
        {pending.length === 0 ? (
          <p className="muted" data-testid="sync-pending-empty">
            {t('sync.pendingEmpty')}
          </p>
        ) : (
          <table className="table" data-testid="sync-pending">
            <thead>
              <tr>
                <th>{t('sync.what')}</th>
                <th>{t('sync.about')}</th>
                <th>{t('sync.recordedAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.id} data-event={p.id}>
                  <td>{codeLabel(t, 'eventType', p.type)}</td>
                  <td>{p.subjectId ?? ''}</td>
                  <td>{when(p.at)}</td>
                  <td>
                    <span className="pending-mark">{t('sync.notConfirmed')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t('sync.conflictsTitle')}</h2>
        <p className="muted">{t('sync.conflictsIntro')}</p>
        {conflicts.length === 0 ? (
          <p className="muted" data-testid="sync-conflicts-empty">
            {t('sync.conflictsEmpty')}
          </p>
        ) : (
          <table className="table" data-testid="sync-conflicts">
            <thead>
              <tr>
                <th>{t('sync.what')}</th>
                <th>{t('sync.who')}</th>
                <th>{t('sync.why')}</th>
                <th>{t('sync.recordedAt')}</th>
                <th>{t('sync.refusedAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={c.id} data-event={c.id} data-seen={c.seenAt ? 'yes' : 'no'}>
                  <td>
                    {codeLabel(t, 'eventType', c.type)}
                    {c.subjectId && <div className="muted">{c.subjectId}</div>}
                  </td>
                  <td>
                    {c.actorRole ? codeLabel(t, 'role', c.actorRole) : ''}
                    {c.actorId && <div className="muted">{c.actorId}</div>}
                  </td>
                  <td data-testid="conflict-why">{why(t, c)}</td>
                  <td>{when(c.recordedAt)}</td>
                  <td>{when(c.refusedAt)}</td>
                  <td>
                    {c.seenAt ? (
                      <span className="muted">{t('sync.seen')}</span>
                    ) : (
                      user?.role !== 'director' && (
                        <button
                          type="button"
                          className="btn"
                          disabled={command.busy}
                          onClick={() => void markSeen(c.id)}
                        >
                          {t('sync.markSeen')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function connectError(t: TFunction, error: ApiError): string {
  if (error.code === 'unavailable') return t('sync.connectError.unreachable');
  if (error.code === 'invalid_request') return t('sync.connectError.badUrl');
  if (error.reason && (SYNC_CONNECT_ERRORS as readonly string[]).includes(error.reason))
    return t(`sync.connectError.${error.reason}`);
  return describeError(t, error);
}

function ConnectForm({ onConnected }: { onConnected: () => Promise<void> }) {
  const { t } = useTranslation();
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const command = useCommand();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setLocal(null);
    if (!serverUrl.trim() || code.trim().length < 4) {
      setLocal(t('sync.connectFillAll'));
      return;
    }
    const r = await command.run(() =>
      api['sync.connect']({ serverUrl: serverUrl.trim(), code: code.trim() }),
    );
    if (r) await onConnected();
  }

  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="sync-connect">
      <h2>{t('sync.connectTitle')}</h2>
      <p className="muted">{t('sync.connectIntro')}</p>
      {local && <Alert tone="error">{local}</Alert>}
      {command.error && <Alert tone="error">{connectError(t, command.error)}</Alert>}
      <div className="field">
        <label htmlFor="sync-url">{t('sync.serverUrl')}</label>
        <input
          id="sync-url"
          className="input"
          value={serverUrl}
          placeholder="https://"
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="sync-code">{t('sync.code')}</label>
        <input
          id="sync-code"
          className="input"
          value={code}
          placeholder="XXXX-XXXX-XXXX-XXXX"
          onChange={(e) => setCode(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={command.busy}>
        {t('sync.connect')}
      </button>
    </form>
  );
}
