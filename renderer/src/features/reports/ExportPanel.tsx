// Choose a report, its language and an optional "as of"; export it (a job in
// main, polled, then downloaded) or open its print page. A sample of the rows
// is shown in the chosen language so the officer sees what they will get.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import {
  REPORT_NAMES,
  REPORT_TITLES,
  type Lang,
  type ReportName,
} from '../../../../shared/reports/labels';
import { describeError } from '../../i18n/describeError';
import { ENDONYMS, isLanguage, LANGUAGES } from '../../i18n/languages';
import { formatBytes, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { ProgressBar } from '../import/ProgressBar';
import { ReportPrint } from './ReportPrint';
import { ReportTable } from './ReportTable';
import { useReportExport } from './useReportExport';

type Rows = Res<'reports.rows'>;
const SAMPLE_ROWS = 25;

/** `2026-09-15T00:00` from a datetime-local input, as a Bishkek instant. */
function bishkekInstant(local: string): string | undefined {
  if (!local) return undefined;
  return `${local.length === 16 ? `${local}:00` : local}+06:00`;
}

export function ExportPanel() {
  const { t, i18n } = useTranslation();
  const uiLang = isLanguage(i18n.language) ? i18n.language : 'ky';
  const [report, setReport] = useState<ReportName>('applications');
  const [lang, setLang] = useState<Lang>(uiLang);
  const [asOf, setAsOf] = useState('');
  const [printing, setPrinting] = useState(false);
  const { state, run } = useReportExport();
  const busy = state.phase === 'running' || state.phase === 'downloading';

  // The sample, the print page and the export all take the same "as of": one state.
  const instant = bishkekInstant(asOf);
  const sample = useQuery<Rows>(`${report}/${lang}/${instant ?? 'now'}`, () =>
    api['reports.rows']({
      report,
      lang,
      limit: SAMPLE_ROWS,
      ...(instant ? { asOf: instant } : {}),
    }),
  ).data;

  const job =
    state.phase === 'running' || state.phase === 'downloading' || state.phase === 'saved'
      ? state.job
      : null;
  const percent =
    state.phase === 'saved' || state.phase === 'downloading'
      ? 100
      : job && job.total > 0
        ? (job.done / job.total) * 100
        : 0;

  return (
    <section className="panel reports-export">
      <div className="panel-body">
        <div className="reports-form">
          <label>
            <span>{t('reports.report')}</span>
            <select
              value={report}
              onChange={(e) => setReport(e.target.value as ReportName)}
              data-testid="report-name"
              disabled={busy}
            >
              {REPORT_NAMES.map((n) => (
                <option key={n} value={n}>
                  {REPORT_TITLES[n][uiLang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('reports.language')}</span>
            <select
              value={lang}
              onChange={(e) => setLang(e.target.value as Lang)}
              data-testid="report-lang"
              disabled={busy}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {ENDONYMS[l]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('reports.asOf')}</span>
            <input
              type="datetime-local"
              value={asOf}
              onChange={(e) => setAsOf(e.target.value)}
              data-testid="report-as-of"
              disabled={busy}
            />
          </label>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="report-export"
            disabled={busy}
            onClick={() => void run({ report, lang, asOf: instant })}
          >
            {t('reports.export')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="report-print"
            onClick={() => setPrinting(true)}
          >
            {t('reports.print')}
          </button>
        </div>
        <p className="muted">{t('reports.asOfHint')}</p>
        {instant && sample?.asOfWarning && (
          <Alert tone="warning" testId="report-as-of-warning">
            {t(`reports.asOfWarning.${sample.asOfWarning}`)}
          </Alert>
        )}
        {job && (
          <div className="import-progress">
            <ProgressBar percent={percent} />
            <div className="muted" data-testid="report-progress-text">
              {state.phase === 'running' &&
                job.step === 'replaying' &&
                t('reports.replaying', {
                  done: formatNumber(job.done, i18n.language),
                  total: formatNumber(job.total, i18n.language),
                })}
              {state.phase === 'running' &&
                job.step !== 'replaying' &&
                t('reports.writing', {
                  done: formatNumber(job.done, i18n.language),
                  total: formatNumber(job.total, i18n.language),
                })}
              {state.phase === 'downloading' && t('reports.downloading')}
              {state.phase === 'saved' && (
                <span data-testid="report-saved">
                  {t('reports.saved', {
                    file: state.job.fileName,
                    size: formatBytes(state.job.size, i18n.language),
                    rows: formatNumber(state.job.total, i18n.language),
                  })}
                </span>
              )}
            </div>
          </div>
        )}
        {state.phase === 'error' && (
          <Alert tone="error" testId="report-error">
            {state.error ? describeError(t, state.error) : t('reports.failed')}
          </Alert>
        )}
        {sample && (
          <>
            <h2 className="reports-sample-title">
              {t('reports.sample', {
                shown: formatNumber(sample.rows.length, i18n.language),
                total: formatNumber(sample.total, i18n.language),
              })}
            </h2>
            <ReportTable rows={sample} testId="report-sample" />
          </>
        )}
      </div>
      {printing && (
        <ReportPrint
          report={report}
          lang={lang}
          asOf={instant}
          onClose={() => setPrinting(false)}
        />
      )}
    </section>
  );
}
