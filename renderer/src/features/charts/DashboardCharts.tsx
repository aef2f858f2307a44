// Two compact charts on the district officer's dashboard: applications per day
// and the fullest schools. The full set is on the reports page.
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n/languages';
import { ChartCard } from './ChartCard';
import { othersNote } from './ChartsPanel';
import { FillChart, PerDayChart } from './charts';
import { useChartData } from './useChartData';
import './charts.css';

const COMPACT_SCHOOLS = 8;

export function DashboardCharts() {
  const { t, i18n } = useTranslation();
  const { data } = useChartData();
  if (!data) return null;
  const lang = isLanguage(i18n.language) ? i18n.language : 'ky';
  const schools = data.fill.schools.slice(0, COMPACT_SCHOOLS);
  const rest = data.fill.schools.slice(COMPACT_SCHOOLS);
  // the schools beyond the compact chart join the "others" line (a copy: data is state)
  const base = data.fill.others ?? { schools: 0, occupied: 0, free: 0, overflow: 0 };
  const others =
    rest.length === 0 && !data.fill.others
      ? null
      : rest.reduce(
          (o, s) => ({
            schools: o.schools + 1,
            occupied: o.occupied + s.occupied,
            free: o.free + s.free,
            overflow: o.overflow + s.overflow,
          }),
          base,
        );
  return (
    <div className="charts-grid compact" data-testid="dashboard-charts">
      <ChartCard
        id="dash-per-day"
        title={t('charts.perDayTitle')}
        asOf={data.asOf}
        width={520}
        height={200}
        render={(w, h) => <PerDayChart data={data} t={t} width={w} height={h} />}
      />
      <ChartCard
        id="dash-fill"
        title={t('charts.fillTitle', { n: schools.length })}
        note={othersNote(t, lang, others)}
        asOf={data.asOf}
        width={520}
        height={200}
        render={(w, h) => <FillChart schools={schools} t={t} width={w} height={h} />}
      />
    </div>
  );
}
