// Where the campaign stands: the open phase, the next calendar boundary and the
// documents deadline, with day counts, in the chosen language.
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/formatting';
import type { Dashboard } from './useDashboardData';

function Days({ days }: { days: number }) {
  const { t } = useTranslation();
  if (days < 0) return <>{t('dashboard.deadlinePassed')}</>;
  if (days === 0) return <>{t('dashboard.today')}</>;
  return <>{t('dashboard.inDays', { count: days })}</>;
}

export function PhasePanel({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  const { phase, next, documentsDeadline, documentsOpen } = dashboard;
  const open = phase === 'stage1' || phase === 'stage2';
  return (
    <div className="phase" data-testid="campaign-phase" data-phase={phase}>
      <section className="panel phase-card">
        <div className="phase-label">{t('dashboard.phaseLabel')}</div>
        <div
          className={`phase-value ${open ? 'phase-open' : 'phase-closed'}`}
          data-testid="phase-name"
        >
          {t(`phase.${phase}`)}
        </div>
        <div className="phase-sub">
          {documentsOpen ? t('dashboard.documentsOpen') : t('dashboard.documentsNotOpen')}
        </div>
      </section>
      <section className="panel phase-card" data-testid="next-boundary">
        <div className="phase-label">{t('dashboard.nextLabel')}</div>
        {next ? (
          <>
            <div className="phase-value">
              <Days days={next.days} />
            </div>
            <div className="phase-sub">
              {t(`boundary.${next.boundary}`)}: {formatDate(next.at, i18n.language)}
            </div>
          </>
        ) : (
          <div className="phase-value">{t('dashboard.none')}</div>
        )}
      </section>
      <section className="panel phase-card" data-testid="documents-deadline">
        <div className="phase-label">{t('dashboard.deadlineLabel')}</div>
        {documentsDeadline ? (
          <>
            <div className="phase-value">
              <Days days={documentsDeadline.days} />
            </div>
            <div className="phase-sub">{formatDate(documentsDeadline.at, i18n.language)}</div>
          </>
        ) : (
          <div className="phase-value">{t('dashboard.none')}</div>
        )}
      </section>
    </div>
  );
}
