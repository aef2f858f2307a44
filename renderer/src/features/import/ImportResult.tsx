// The outcome of a finished import job: counts when it went in, the named bad line
// when the file was refused. The parser's own message is English and technical, so
// it stays under "details"; the sentence above it is translated.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import type { ImportJob } from './useImportJob';

export function ImportResult({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  if (job.state === 'failed') {
    return (
      <Alert tone="error" testId="import-error">
        <div className="result-file">{job.fileName}</div>
        <div data-testid="import-error-text">
          {job.error?.line != null
            ? t('import.failedLine', { line: job.error.line })
            : t('import.failed')}
        </div>
        {job.error?.message && (
          <details className="details">
            <summary>{t('import.details')}</summary>
            <code>{job.error.message}</code>
          </details>
        )}
      </Alert>
    );
  }
  // An empty file "went in" with nothing: say so rather than show a row of zeros as a success.
  if (job.linesRead === 0) {
    return (
      <Alert tone="warning" testId="import-empty">
        <div className="result-file">{job.fileName}</div>
        <div>{t('import.empty')}</div>
      </Alert>
    );
  }
  return (
    <Alert tone="ok" testId="import-done">
      <div className="result-file">{job.fileName}</div>
      <div>{t('import.done')}</div>
      <div className="stat-row">
        <div>
          <span className="muted">{t('import.imported')}</span>
          <strong data-testid="import-added">{formatNumber(job.eventsAdded, i18n.language)}</strong>
        </div>
        <div>
          <span className="muted">{t('import.skipped')}</span>
          <strong data-testid="import-skipped">
            {formatNumber(job.duplicates, i18n.language)}
          </strong>
        </div>
        <div>
          <span className="muted">{t('import.linesRead')}</span>
          <strong>{formatNumber(job.linesRead, i18n.language)}</strong>
        </div>
      </div>
    </Alert>
  );
}
