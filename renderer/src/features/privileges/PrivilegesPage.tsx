// The privilege queue: pending claims (the district, or a director's own school:
// main decides which), each with its documents; approve or reject with a note.
// Before a rejection is confirmed the page says whether it takes the child's seat
// (a placement that rested on the claim) or leaves a catchment place alone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../../shared/ipc/channels/privileges';
import { api, type Res } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { Attachments } from './Attachments';
import './privileges.css';

type Outcome = Res<'privileges.review'> & { childName: string };

export function PrivilegesPage() {
  const { t, i18n } = useTranslation();
  const queue = useQuery<Res<'privileges.queue'>>('privileges.queue', () =>
    api['privileges.queue']({}),
  );
  const claims: Claim[] | null = queue.data?.claims ?? null;
  const { error } = queue;
  const load = queue.reload;
  const [selected, setSelected] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (!claims) return error ? <Alert tone="error">{describeError(t, error)}</Alert> : <Loading />;
  const claim = claims.find((c) => c.applicationId === selected) ?? null;

  return (
    <div data-testid="privileges">
      <div className="page-header">
        <h1>{t('privileges.title')}</h1>
        <span className="muted">{t('privileges.pending', { count: claims.length })}</span>
      </div>
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      {outcome && <OutcomeAlert outcome={outcome} />}
      <div className="review-layout">
        {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <div
          className="panel review-list"
          tabIndex={0}
          role="region"
          aria-label={t('privileges.title')}
        >
          {claims.length === 0 ? (
            <div className="panel-body muted" data-testid="privileges-empty">
              {t('privileges.empty')}
            </div>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('privileges.col.child')}</th>
                  <th>{t('privileges.col.school')}</th>
                  <th>{t('privileges.col.category')}</th>
                  <th>{t('privileges.col.basis')}</th>
                  <th>{t('privileges.col.submitted')}</th>
                  <th>{t('privileges.col.documents')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((c) => (
                  <tr
                    key={c.applicationId}
                    className={c.applicationId === selected ? 'selected' : undefined}
                    onClick={() => setSelected(c.applicationId)}
                    data-testid="claim-row"
                    data-application={c.applicationId}
                  >
                    <td>{c.childName}</td>
                    <td>
                      {c.schoolName} · {streamLanguageName(t, c.language)}
                    </td>
                    <td>
                      {c.category
                        ? t(`privilegeCategory.${c.category}`, { defaultValue: c.category })
                        : '—'}
                    </td>
                    <td className={c.basis === 'privilege' ? 'at-risk' : undefined}>
                      {c.basis ? t(`basis.${c.basis}`) : '—'}
                    </td>
                    <td>{formatDateTime(c.submittedAt, i18n.language)}</td>
                    <td>{c.attachments.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {claim && (
          <ClaimDetail
            key={claim.applicationId}
            claim={claim}
            onChanged={load}
            onDecided={(o) => {
              setOutcome({ ...o, childName: claim.childName });
              setSelected(null);
              void load();
            }}
          />
        )}
      </div>
    </div>
  );
}

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const a = outcome.application;
  return (
    <Alert tone="ok" testId="review-outcome">
      {a.privilege === 'approved'
        ? t('privileges.outcome.approved', { name: outcome.childName })
        : t('privileges.outcome.rejected', { name: outcome.childName })}{' '}
      <span data-testid="outcome-status">{t(`status.${a.status}`)}</span>
      {a.reason && (
        <>
          {' · '}
          <span data-testid="outcome-reason">{t(`reason.${a.reason}`)}</span>
        </>
      )}
      {outcome.placementRemoved && outcome.stream && (
        <div data-testid="outcome-stream">
          {t('privileges.outcome.seatFreed', {
            occupied: outcome.stream.occupied,
            quota: outcome.stream.quota,
          })}
        </div>
      )}
    </Alert>
  );
}

function ClaimDetail({
  claim,
  onChanged,
  onDecided,
}: {
  claim: Claim;
  onChanged: () => void;
  onDecided: (o: Res<'privileges.review'>) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const command = useCommand();
  const { busy } = command;
  const [problem, setError] = useState<string | null>(null);
  // A note the contract refuses is the note the officer must write, said as such.
  const error =
    problem ??
    (command.error
      ? command.error.code === 'invalid_request'
        ? t('privileges.noteRequired')
        : describeError(t, command.error)
      : null);

  const review = async (decision: 'approved' | 'rejected') => {
    setError(null);
    if (decision === 'rejected' && note.trim() === '') {
      setError(t('privileges.noteRequired'));
      return;
    }
    const request = {
      applicationId: claim.applicationId,
      decision,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const decided = await command.run(() => api['privileges.review'](request));
    if (decided) onDecided(decided);
  };

  const removes = claim.basis === 'privilege';
  return (
    <div className="panel review-detail" data-testid="claim-detail">
      <div className="panel-header">
        <strong>{claim.childName}</strong>
        <span className="muted">{claim.applicationId}</span>
      </div>
      <div className="panel-body">
        <dl className="facts">
          <dt>{t('privileges.pin')}</dt>
          <dd>{claim.pin ?? '—'}</dd>
          <dt>{t('privileges.col.school')}</dt>
          <dd>
            {claim.schoolName} · {streamLanguageName(t, claim.language)}
          </dd>
          <dt>{t('privileges.col.category')}</dt>
          <dd>
            {claim.category
              ? t(`privilegeCategory.${claim.category}`, { defaultValue: claim.category })
              : '—'}
          </dd>
          <dt>{t('privileges.col.basis')}</dt>
          <dd>{claim.basis ? t(`basis.${claim.basis}`) : '—'}</dd>
          <dt>{t('privileges.address')}</dt>
          <dd>{claim.registeredAddress ?? '—'}</dd>
        </dl>
        <Attachments
          subject={{ kind: 'claim', id: claim.applicationId }}
          attachments={claim.attachments}
          canAdd
          onAdded={onChanged}
        />
        <label className="field">
          <span>{t('privileges.note')}</span>
          <textarea
            className="input textarea"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            data-testid="review-note"
          />
        </label>
        {confirming ? (
          <div
            className={removes ? 'confirm confirm-danger' : 'confirm'}
            data-testid="reject-confirm"
          >
            <p data-testid="reject-consequence">
              {removes
                ? t('privileges.rejectRemoves', { name: claim.childName, school: claim.schoolName })
                : t('privileges.rejectKeeps', { name: claim.childName })}
            </p>
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy}
              onClick={() => review('rejected')}
              data-testid="reject-confirm-button"
            >
              {removes ? t('privileges.confirmRejectRemove') : t('privileges.confirmReject')}
            </button>{' '}
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t('privileges.cancel')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => review('approved')}
              data-testid="approve"
            >
              {t('privileges.approve')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => setConfirming(true)}
              data-testid="reject"
            >
              {t('privileges.reject')}
            </button>
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </div>
  );
}
