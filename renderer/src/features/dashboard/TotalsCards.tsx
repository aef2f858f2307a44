import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/formatting';
import type { Dashboard } from './useDashboardData';

type TotalKey = keyof Dashboard['totals'];

/** The order a district officer reads them in: demand, then seats and queues (R16), then the log behind them. */
const SHOWN: readonly TotalKey[] = [
  'applications',
  'seats',
  'occupied',
  'free',
  'overflow',
  'waitlistEntries',
  'waitlistStreams',
  'schools',
  'streams',
  'openCases',
  'events',
];

/** One school's view: its school count is 1, and the log size and commission cases are district-wide. */
const DISTRICT_ONLY: ReadonlySet<TotalKey> = new Set(['schools', 'events', 'openCases']);

export function TotalsCards({ totals, scoped }: { totals: Dashboard['totals']; scoped: boolean }) {
  const { t, i18n } = useTranslation();

  const keys = scoped ? SHOWN.filter((k) => !DISTRICT_ONLY.has(k)) : SHOWN;
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title" className="section-title">
        {t('dashboard.totalsTitle')}
      </h2>
      <div className="totals">
        {keys.map((key) => (
          <div key={key} className={`panel card total-${key}`} data-testid={`total-${key}`}>
            <div className="card-label">{t(`totals.${key}`)}</div>
            <div
              className={`card-value${key === 'overflow' && totals[key] > 0 ? ' overflow' : ''}`}
            >
              {formatNumber(totals[key], i18n.language)}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
