import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../../shared/ipc/contract';
import { formatNumber } from '../../i18n/formatting';
import type { Dashboard } from './useDashboardData';

export function StatusCards({ counts }: { counts: Dashboard['counts'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title" className="section-title">
        {t('dashboard.countsTitle')}
      </h2>
      <div className="cards">
        {STATUSES.map((status) => (
          <div
            key={status}
            className={`panel card status-${status}`}
            data-testid={`count-${status}`}
          >
            <div className="card-label">{t(`status.${status}`)}</div>
            <div className="card-value">{formatNumber(counts[status], i18n.language)}</div>
          </div>
        ))}
      </div>
    </section>
  );
}
