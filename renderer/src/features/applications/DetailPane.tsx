// The selected application: its fields, the child's whole history as a timeline
// (what happened, who did it, when in Bishkek time, applied or refused and why),
// and the two things an officer records on a parent's written request.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { actorLabel, eventTypeLabel } from '../audit/eventTypeLabel';
import { codeLabel } from '../../i18n/codeLabel';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { RequestForm } from './RequestForm';

type Detail = Res<'applications.get'>;
type Entry = Detail['history'][number];
type Streams = Res<'applications.streams'>['streams'];

/** The extra words a timeline line carries: where a transfer went, what was decided. */
function entryDetail(t: TFunction, e: Entry): string | null {
  const d = e.detail;
  const stream = (school?: string, lang?: string) =>
    [school, lang ? streamLanguageName(t, lang) : null].filter(Boolean).join(' · ');
  switch (e.type) {
    case 'application.submitted':
      return stream(d.schoolId, d.language) || null;
    case 'application.transfer_requested':
      return t('applications.history.to', { stream: stream(d.toSchoolId, d.toLanguage) });
    case 'privilege.reviewed':
      return d.decision === 'approved'
        ? t('applications.history.approved')
        : d.decision === 'rejected'
          ? t('applications.history.rejected')
          : null;
    case 'order.issued':
      return t('applications.history.order', { number: d.orderNumber ?? '' });
    case 'commission.decided':
      return d.decision === 'place'
        ? t('applications.history.placed', { stream: stream(d.schoolId, d.language) })
        : t('applications.history.declined');
    default:
      return null;
  }
}

export function DetailPane({
  applicationId,
  streams,
  onClose,
  onChanged,
}: {
  applicationId: string;
  streams: Streams;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery<Detail>(applicationId, () => api['applications.get']({ applicationId }));
  // The previous child's detail is never shown under another child's row.
  const detail = query.data?.application.id === applicationId ? query.data : null;
  const error = query.error;
  const [done, setDone] = useState<string | null>(null);
  // A confirmation belongs to the child it was given for: another child clears it, during
  // render rather than in an effect, so no frame shows it under the wrong child.
  const [doneChild, setDoneChild] = useState(applicationId);
  if (doneChild !== applicationId) {
    setDoneChild(applicationId);
    setDone(null);
  }

  const a = detail?.application;
  const field = (label: string, value: React.ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ?? '—'}</dd>
    </>
  );

  return (
    <aside
      className="panel registry-detail"
      data-testid="application-detail"
      aria-label={t('applications.detailTitle')}
    >
      <div className="panel-header">
        <h2>{a ? a.childName : t('applications.detailTitle')}</h2>
        <span className="header-spacer" />
        <button
          type="button"
          className="btn"
          onClick={onClose}
          aria-label={t('applications.close')}
        >
          ×
        </button>
      </div>
      <div className="panel-body">
        {error && <Alert tone="error">{describeError(t, error)}</Alert>}
        {!detail && !error && <Loading />}
        {a && detail && (
          <>
            <dl className="reg-fields">
              {field(
                t('applications.col.status'),
                <span className={`reg-status reg-status-${a.status}`}>
                  {t(`status.${a.status}`)}
                </span>,
                'detail-status',
              )}
              {a.reason && field(t('applications.reason'), t(`reason.${a.reason}`))}
              {field(t('applications.col.pin'), <span className="reg-mono">{a.pin ?? '—'}</span>)}
              {field(
                t('applications.col.school'),
                `${a.schoolName ?? a.schoolId} · ${streamLanguageName(t, a.language)}`,
                'detail-school',
              )}
              {field(t('applications.col.stage'), a.stage === null ? '—' : String(a.stage))}
              {field(t('applications.col.basis'), a.basis ? t(`basis.${a.basis}`) : '—')}
              {field(
                t('applications.col.privilege'),
                a.privilege === 'none'
                  ? '—'
                  : `${t(`privilege.${a.privilege}`)}${a.privilegeCategory ? ` (${codeLabel(t, 'privilegeCategory', a.privilegeCategory)})` : ''}`,
              )}
              {field(t('applications.col.order'), a.orderNumber)}
              {field(
                t('applications.registeredAddress'),
                <span className="reg-mono">{a.registeredAddress ?? '—'}</span>,
              )}
              {a.actualAddress &&
                field(
                  t('applications.actualAddress'),
                  <span className="reg-mono">{a.actualAddress}</span>,
                )}
              {field(t('applications.col.submitted'), formatDateTime(a.submittedAt, i18n.language))}
              {field(t('applications.id'), <span className="reg-mono">{a.id}</span>)}
            </dl>
            {done && (
              <Alert tone="ok" testId="request-recorded">
                {done}
              </Alert>
            )}
            {a.status === 'registered' && (
              <RequestForm
                application={a}
                streams={streams}
                onRecorded={(next, kind) => {
                  query.setData(next);
                  const text =
                    kind === 'withdraw'
                      ? t('applications.request.withdrawn')
                      : t('applications.request.transferred');
                  setDone(text);
                  onChanged();
                }}
              />
            )}
            <h3 className="section-title">{t('applications.historyTitle')}</h3>
            <ol className="reg-timeline" data-testid="history">
              {detail.history.map((e) => {
                const extra = entryDetail(t, e);
                return (
                  <li
                    key={e.seq}
                    className={e.outcome ? 'reg-tl-refused' : 'reg-tl-applied'}
                    data-type={e.type}
                    data-seq={e.seq}
                  >
                    <div className="reg-tl-head">
                      <strong>{eventTypeLabel(t, e.type)}</strong>
                      {e.applicationId !== a.id && (
                        <span className="reg-tl-other">
                          {' '}
                          · {t('applications.history.otherApplication', { id: e.applicationId })}
                        </span>
                      )}
                    </div>
                    <div className="muted">
                      {formatDateTime(e.at, i18n.language)} ·{' '}
                      {actorLabel(t, e.actorRole, e.actorId)}
                    </div>
                    {extra && <div>{extra}</div>}
                    <div className={e.outcome ? 'reg-refused' : 'reg-applied'}>
                      {e.outcome
                        ? t('applications.history.refused', { reason: t(`reason.${e.outcome}`) })
                        : t('applications.history.applied')}
                    </div>
                    {e.reference && (
                      <div>{t('applications.history.reference', { reference: e.reference })}</div>
                    )}
                    {e.note && (
                      <div className="muted">
                        {t('applications.history.note', { note: e.note })}
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
    </aside>
  );
}
