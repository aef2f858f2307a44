import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { PhasePanel } from './PhasePanel';
import { SchoolsTable } from './SchoolsTable';
import { StatusCards } from './StatusCards';
import { TotalsCards } from './TotalsCards';
import { useDashboardData } from './useDashboardData';
import { DashboardCharts } from '../charts/DashboardCharts';
import { useSession } from '../auth/SessionContext';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { dashboard, schools, error, loading, reload } = useDashboardData();
  const { user } = useSession();

  if (!dashboard) {
    if (loading) return <Loading />;
    return (
      <Alert tone="error" testId="dashboard-error">
        {error ? describeError(t, error) : t('error.internal')}{' '}
        <button type="button" className="btn" onClick={reload}>
          {t('app.retry')}
        </button>
      </Alert>
    );
  }

  return (
    <div data-testid="dashboard">
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <span className="scope" data-testid="dashboard-scope">
          {dashboard.scope ? dashboard.scope.schoolName : t('dashboard.wholeDistrict')}
        </span>
        {dashboard.campaignYear !== null && (
          <span className="muted">{t('dashboard.campaign', { year: dashboard.campaignYear })}</span>
        )}
        <span className="header-spacer" />
        <span className="muted" data-testid="as-of">
          {t('dashboard.asOf', { date: formatDateTime(dashboard.asOf, i18n.language) })}
        </span>
      </div>
      {dashboard.phase === 'not_opened' && <Alert tone="info">{t('dashboard.noCampaign')}</Alert>}
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      <PhasePanel dashboard={dashboard} />
      <StatusCards counts={dashboard.counts} />
      <TotalsCards totals={dashboard.totals} scoped={dashboard.scope !== null} />
      {/* the charts read the whole district: the officer's dashboard only */}
      {user?.role === 'district' && dashboard.phase !== 'not_opened' && <DashboardCharts />}
      <SchoolsTable schools={schools} />
    </div>
  );
}
