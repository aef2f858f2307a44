// A report as print-ready A4 pages (PrintPage / PrintSheet of renderer/src/ui/print):
// a header with the district and the date, the title, the rows, page numbers from
// the @page rules. A browser cannot lay out 200k rows as pages, so the print
// holds the first PRINT_ROWS rows and says so; Excel has them all.
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import type { Lang, ReportName } from '../../../../shared/reports/labels';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { Loading } from '../../ui/Loading';
import { PrintPage, PrintSheet } from '../../ui/print';
import { useSession } from '../auth/SessionContext';
import { ReportTable } from './ReportTable';

export const PRINT_ROWS = 2000;

export interface ReportPrintProps {
  report: ReportName;
  lang: Lang;
  /** the export's "as of" (a Bishkek instant), or undefined for now */
  asOf?: string;
  onClose(): void;
}

export function ReportPrint({ report, lang, asOf, onClose }: ReportPrintProps) {
  const { t, i18n } = useTranslation();
  const { store } = useSession();
  const query = useQuery<Res<'reports.rows'>>(`${report}/${lang}/${asOf ?? 'now'}/print`, () =>
    api['reports.rows']({ report, lang, limit: PRINT_ROWS, ...(asOf ? { asOf } : {}) }),
  );
  const rows = query.data;
  // Dated by the district's clock: the demo's stands still, a real district's is today.
  const clock = useQuery<Res<'clock.get'>>('clock', () => api['clock.get']({})).data;

  const tt = i18n.getFixedT(lang);
  return (
    <PrintPage
      toolbarTitle={rows?.title ?? t('reports.print')}
      fileName={`kabyl-${report}-${lang}.pdf`}
      onClose={onClose}
    >
      {!rows ? (
        <Loading />
      ) : (
        <PrintSheet
          lang={lang}
          district={store?.districtName ?? ''}
          title={rows.title}
          subtitle={[
            rows.asOf ? tt('reports.printAsOf', { date: formatDateTime(rows.asOf, lang) }) : null,
            rows.total > rows.rows.length
              ? tt('reports.printFirst', {
                  shown: formatNumber(rows.rows.length, lang),
                  total: formatNumber(rows.total, lang),
                })
              : tt('reports.printAll', { total: formatNumber(rows.total, lang) }),
          ]
            .filter(Boolean)
            .join(' · ')}
          date={clock?.now ?? new Date().toISOString()}
        >
          <div className="report-print">
            <ReportTable rows={rows} testId="report-print-table" />
          </div>
        </PrintSheet>
      )}
    </PrintPage>
  );
}
