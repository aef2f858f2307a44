// One application, live: its status in words, what to bring to the school and by when,
// and the parent's own actions (withdraw, transfer in stage 2).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationView, REQUIRED_DOCUMENTS } from '../../../shared/portal/contract';
import { formatDateTime } from '../../../renderer/src/i18n/formatting';
import { Link } from '../app/Link';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/describe';
import { languageLabel, refusalText, statusLabel } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { useApplication } from '../ui/useApplication';
import { splitDuration, useCountdown } from '../ui/useCountdown';

export function StatusPage({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation();
  const { view, setView, error } = useApplication(applicationId);
  if (!view) {
    return error ? (
      <Page title={t('statusPage.title')}>
        <Alert kind="error">{describeError(t, error, i18n.language)}</Alert>
      </Page>
    ) : (
      <Loading />
    );
  }
  return <StatusView view={view} onChange={setView} />;
}

function StatusView({
  view,
  onChange,
}: {
  view: ApplicationView;
  onChange(v: ApplicationView): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const waiting = view.status === 'registered' || view.status === 'address_pending';
  return (
    <Page title={t('statusPage.title')}>
      <div className="status-box" aria-live="polite" aria-atomic="true" data-testid="status">
        <p className="status-line">
          <span className={`badge badge-${view.status}`} data-status={view.status}>
            {statusLabel(t, view.status)}
          </span>
        </p>
        <p data-testid="status-text">
          {view.status === 'refused'
            ? refusalText(t, view.reason)
            : t(`statusText.${view.status}`, {
                school: view.schoolName,
                language: languageLabel(t, view.language),
              })}
        </p>
        {view.privilege !== 'none' && (
          <p data-testid="privilege" data-privilege={view.privilege}>
            {t('statusPage.privilege', {
              category: t(`privilegeCategory.${view.privilegeCategory ?? ''}`, {
                defaultValue: view.privilegeCategory ?? '',
              }),
              state: t(`privilegeState.${view.privilege}`),
            })}{' '}
            {t(`statusPage.privilegeNext.${view.privilege}`, { defaultValue: '' })}
          </p>
        )}
      </div>
      <dl className="facts">
        <dt>{t('statusPage.school')}</dt>
        <dd>
          {view.schoolName}, {languageLabel(t, view.language)}
        </dd>
        <dt>{t('statusPage.received')}</dt>
        <dd>
          {formatDateTime(view.receivedAt, lang)} (
          {t('statusPage.position', { position: view.position })})
        </dd>
        {view.orderNumber && (
          <>
            <dt>{t('statusPage.order')}</dt>
            <dd>{view.orderNumber}</dd>
          </>
        )}
      </dl>
      {waiting && <Documents view={view} />}
      <Actions view={view} onChange={onChange} />
      <p>
        <Link href="/cabinet">{t('common.toCabinet')}</Link>
      </p>
    </Page>
  );
}

function Documents({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const end = Date.parse(view.documentsEnd);
  const left = splitDuration(useCountdown(Number.isNaN(end) ? null : end));
  return (
    <section aria-labelledby="docs-title" className="documents">
      <h2 id="docs-title">{t('statusPage.bringTitle')}</h2>
      <p>
        {t('statusPage.bring', {
          from: formatDateTime(view.documentsStart, lang),
          until: formatDateTime(view.documentsEnd, lang),
          school: view.schoolName,
        })}
      </p>
      <ol>
        {REQUIRED_DOCUMENTS.map((d) => (
          <li key={d}>{t(`document.${d}`)}</li>
        ))}
      </ol>
      {/* Not a live region: a screen reader would read it every second. */}
      <p className="countdown" data-testid="countdown">
        {t('statusPage.countdown', {
          days: left.days,
          hours: left.hours,
          minutes: left.minutes,
        })}
      </p>
      <p className="note">{t('statusPage.lateWarning')}</p>
    </section>
  );
}

function Actions({
  view,
  onChange,
}: {
  view: ApplicationView;
  onChange(v: ApplicationView): void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  if (!view.canWithdraw && !view.canTransfer) return null;

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await portalApi.withdraw(view.applicationId));
      setConfirming(false);
    } catch (e) {
      setError(describeError(t, e, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">{t('statusPage.actions')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {view.canTransfer && (
        <p>
          <Link
            className="button secondary"
            href={`/applications/${encodeURIComponent(view.applicationId)}/transfer`}
          >
            {t('statusPage.transfer')}
          </Link>
        </p>
      )}
      {view.canWithdraw && !confirming && (
        <p>
          <button
            ref={withdrawRef}
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(true);
              setTimeout(() => confirmRef.current?.focus());
            }}
          >
            {t('statusPage.withdraw')}
          </button>
          {view.withdrawalsLeft !== null && (
            <span className="note">
              {' '}
              {t('statusPage.withdrawalsLeft', { count: view.withdrawalsLeft })}
            </span>
          )}
        </p>
      )}
      {confirming && (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-text"
          tabIndex={-1}
          ref={confirmRef}
        >
          <p id="confirm-text">{t('statusPage.withdrawConfirm', { school: view.schoolName })}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void withdraw()}>
            {t('statusPage.withdrawYes')}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setConfirming(false);
              setTimeout(() => withdrawRef.current?.focus());
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
