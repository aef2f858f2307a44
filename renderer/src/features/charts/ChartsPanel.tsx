// The charts section of the reports page: all five charts from one call of
// aggregated data. Per-school charts draw the top schools and name the rest
// as one "others" line, so 2,200 schools draw like 15.
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatDate, formatNumber } from '../../i18n/formatting';
import { isLanguage } from '../../i18n/languages';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { ChartCard } from './ChartCard';
import { DocumentsChart, FillChart, OverflowChart, PerDayChart, PrivilegeChart } from './charts';
import { useChartData, type ChartData } from './useChartData';
import './charts.css';

export function othersNote(
  t: ReturnType<typeof useTranslation>['t'],
  lang: string,
  others: ChartData['fill']['others'],
): string | null {
  if (!others) return null;
  return t('charts.others', {
    count: others.schools,
    occupied: formatNumber(others.occupied, lang),
    free: formatNumber(others.free, lang),
    overflow: formatNumber(others.overflow, lang),
  });
}

export function ChartsPanel() {
  const { t, i18n } = useTranslation();
  const { data, error } = useChartData();
  const lang = isLanguage(i18n.language) ? i18n.language : 'ky';
  if (error) return <Alert tone="error">{describeError(t, error)}</Alert>;
  if (!data) return <Loading />;
  const rowsHeight = (n: number) => Math.max(160, 40 + n * 22);
  const docsNote = t('charts.documentsNote', {
    received: formatNumber(data.documents.received, lang),
    target: formatNumber(data.documents.target, lang),
    // a Bishkek calendar day, written as the UI's language writes dates
    deadline: data.documents.deadlineDay
      ? formatDate(`${data.documents.deadlineDay}T12:00:00+06:00`, lang)
      : '—',
  });
  return (
    <div className="charts-grid" data-testid="charts">
      <ChartCard
        id="per-day"
        title={t('charts.perDayTitle')}
        asOf={data.asOf}
        render={(w, h) => <PerDayChart data={data} t={t} width={w} height={h} />}
      />
      <ChartCard
        id="fill"
        title={t('charts.fillTitle', { n: data.fill.schools.length })}
        note={othersNote(t, lang, data.fill.others)}
        asOf={data.asOf}
        height={rowsHeight(data.fill.schools.length)}
        render={(w, h) => <FillChart schools={data.fill.schools} t={t} width={w} height={h} />}
      />
      <ChartCard
        id="documents"
        title={t('charts.documentsTitle')}
        note={docsNote}
        asOf={data.asOf}
        render={(w, h) => <DocumentsChart data={data} t={t} width={w} height={h} />}
      />
      <ChartCard
        id="privileges"
        title={t('charts.privilegesTitle')}
        note={t('charts.privilegesNote', {
          claimed: formatNumber(data.privileges.claimed, lang),
          applications: formatNumber(data.privileges.applications, lang),
        })}
        asOf={data.asOf}
        render={(w, h) => <PrivilegeChart data={data} lang={lang} width={w} height={h} />}
      />
      <ChartCard
        id="overflow"
        title={t('charts.overflowTitle')}
        note={
          data.overflow.schoolsInOverflow === 0
            ? t('charts.noOverflow')
            : t('charts.overflowNote', {
                count: data.overflow.schoolsInOverflow,
                total: formatNumber(data.overflow.totalOverflow, lang),
              })
        }
        asOf={data.asOf}
        height={rowsHeight(data.overflow.schools.length)}
        render={(w, h) => (
          <OverflowChart schools={data.overflow.schools} t={t} width={w} height={h} />
        )}
      />
    </div>
  );
}
