import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { describeError } from '../../i18n/describeError';
import { formatBytes, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { useCommand, useQuery } from '../../data/useQuery';
import { ImportResult } from './ImportResult';
import { ProgressBar } from './ProgressBar';
import { useImportJob } from './useImportJob';

type Picked =
  | { kind: 'browser'; file: File }
  | { kind: 'main'; file: NonNullable<Res<'import.choose'>['file']> };

export function ImportPage() {
  const { t, i18n } = useTranslation();
  // Under Electron main opens the file itself (a native dialog, the path never reaches
  // the page); elsewhere the page reads the file and uploads it.
  const info = useQuery('app.info', () => api['app.info']({}));
  const nativeDialog = info.data?.canChooseFiles ?? false;
  const choosing = useCommand();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [wrongType, setWrongType] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { state, run, reset } = useImportJob();
  const busy = state.phase === 'uploading' || state.phase === 'running';

  async function choose() {
    setWrongType(false);
    if (!nativeDialog) {
      input.current?.click();
      return;
    }
    const chosen = await choosing.run(() => api['import.choose']({}));
    if (chosen?.file) {
      reset();
      setPicked({ kind: 'main', file: chosen.file });
    }
  }

  function onBrowserFile(file: File | undefined) {
    if (!file) return;
    reset();
    const ok = /\.jsonl$/i.test(file.name);
    setWrongType(!ok);
    setPicked(ok ? { kind: 'browser', file } : null);
  }

  const percent =
    state.phase === 'uploading'
      ? state.total
        ? (state.sent / state.total) * 100
        : 100
      : state.phase === 'running'
        ? state.job.totalBytes
          ? (state.job.bytesRead / state.job.totalBytes) * 100
          : 0
        : state.phase === 'finished'
          ? 100
          : 0;

  return (
    <div data-testid="import-page">
      <div className="page-header">
        <h1>{t('import.title')}</h1>
      </div>
      <section className="panel import-panel">
        <div className="panel-body">
          <p className="muted intro">{t('import.intro')}</p>
          <div className="import-form">
            <input
              ref={input}
              type="file"
              accept=".jsonl,application/jsonl,application/x-ndjson"
              className="visually-hidden"
              data-testid="import-file"
              aria-label={t('import.choose')}
              tabIndex={-1}
              onChange={(e) => {
                onBrowserFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <button type="button" className="btn" onClick={() => void choose()} disabled={busy}>
              {t('import.choose')}
            </button>
            <span className="file-name" data-testid="import-file-name">
              {picked
                ? `${picked.file.name} · ${formatBytes(picked.file.size, i18n.language)}`
                : t('import.noFile')}
            </span>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="import-start"
              disabled={!picked || busy}
              onClick={() => picked && void run(picked).then(() => setPicked(null))}
            >
              {t('import.start')}
            </button>
          </div>
          {wrongType && <Alert tone="error">{t('import.wrongType')}</Alert>}
          {(state.phase === 'uploading' ||
            state.phase === 'running' ||
            (state.phase === 'finished' && state.job.state === 'done')) && (
            <div className="import-progress">
              <ProgressBar percent={percent} />
              <div className="muted" data-testid="import-progress-text">
                {state.phase === 'uploading' &&
                  t('import.uploading', { percent: Math.floor(percent) })}
                {state.phase === 'running' && (
                  <>
                    {t('import.running', { percent: Math.floor(percent) })} ·{' '}
                    {t('import.linesRead')}: {formatNumber(state.job.linesRead, i18n.language)}
                  </>
                )}
              </div>
            </div>
          )}
          {state.phase === 'finished' && <ImportResult job={state.job} />}
          {state.phase === 'error' && (
            <Alert tone="error" testId="import-error">
              {describeError(t, state.error)}
            </Alert>
          )}
          {choosing.error && (
            <Alert tone="error" testId="import-choose-error">
              {describeError(t, choosing.error)}
            </Alert>
          )}
        </div>
      </section>
    </div>
  );
}
