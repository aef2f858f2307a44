// The district workbook import (district officer): download the template
// (empty or with the district as it stands) in a language; upload a filled
// workbook; the preview lists every bad row (sheet, row, column, reason in the
// UI's language; nothing written) or the changes that would be written, with
// counts; confirm writes exactly those changes in one transaction.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type Res, type Result } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeIssue } from '../../../../shared/excelImport/issues';
import type { ImportIssue } from '../../../../shared/excelImport/issues';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { ENDONYMS, isLanguage, LANGUAGES, type Language } from '../../i18n/languages';
import { Alert } from '../../ui/Alert';
import { base64ToBytes, bytesToBase64, saveBlob, XLSX_MIME } from '../reports/saveBytes';
import { ChangesTable } from './ChangesTable';
import './excelImport.css';

type Preview = Res<'excelImport.preview'>;
type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string }
  | { phase: 'previewed'; uploadId: string; preview: Preview }
  | { phase: 'writing'; uploadId: string; preview: Preview }
  | { phase: 'written'; written: number }
  | { phase: 'error'; error: ApiError };

/** 3 MiB of bytes: a multiple of 3, so each piece is whole base64 (4 MiB of text at most). */
const PIECE = 3 * 1024 * 1024;

/** Sends the file piece by piece; its upload id. */
async function upload(file: File): Promise<Result<string>> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const end = Math.min(offset + PIECE, file.size);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    const r = await api['excelImport.upload']({
      uploadId,
      name: file.name,
      chunk: bytesToBase64(bytes),
      done: end >= file.size,
    });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    offset = end;
  } while (offset < file.size);
  return { ok: true, value: uploadId! };
}

export function ExcelImportPanel() {
  const { t, i18n } = useTranslation();
  const uiLang: Language = isLanguage(i18n.language) ? i18n.language : 'ky';
  const [templateLang, setTemplateLang] = useState<Language>(uiLang);
  // Every step is a command: its failure is told to the session and shown in place of the flow.
  const command = useCommand();
  const [progress, setProgress] = useState<State>({ phase: 'idle' });
  const state: State = command.error ? { phase: 'error', error: command.error } : progress;
  const [wrongType, setWrongType] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const busy = state.phase === 'uploading' || state.phase === 'writing';

  /** Runs one step; after a failure the flow starts over from nothing. */
  async function step<T>(call: () => Promise<Result<T>>): Promise<T | null> {
    const value = await command.run(call);
    if (value === null) setProgress({ phase: 'idle' });
    return value;
  }

  async function downloadTemplate(prefilled: boolean) {
    const r = await step(() => api['excelImport.template']({ lang: templateLang, prefilled }));
    if (r) saveBlob(r.fileName, new Blob([base64ToBytes(r.base64)], { type: XLSX_MIME }));
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    const ok = /\.xlsx$/i.test(file.name);
    setWrongType(!ok);
    // Another file: what was said about the last one no longer holds.
    command.clearError();
    setProgress({ phase: 'idle' });
    if (!ok) return;
    setProgress({ phase: 'uploading', name: file.name });
    const planned = await step(async (): Promise<Result<State>> => {
      const up = await upload(file);
      if (!up.ok) return up;
      const preview = await api['excelImport.preview']({ uploadId: up.value });
      if (!preview.ok) return preview;
      return {
        ok: true,
        value: { phase: 'previewed', uploadId: up.value, preview: preview.value },
      };
    });
    if (planned) setProgress(planned);
  }

  async function confirm(uploadId: string, preview: Preview) {
    setProgress({ phase: 'writing', uploadId, preview });
    const outcome = await step(async (): Promise<Result<State>> => {
      const r = await api['excelImport.confirm']({ uploadId });
      if (r.ok) return { ok: true, value: { phase: 'written', written: r.value.written } };
      if (r.error.code === 'refused' && r.error.reason === 'import_stale') {
        // the district moved since the preview: show the new plan instead
        const again = await api['excelImport.preview']({ uploadId });
        if (again.ok) {
          return { ok: true, value: { phase: 'previewed', uploadId, preview: again.value } };
        }
      }
      return r;
    });
    if (outcome) setProgress(outcome);
  }

  const issue = (i: Preview['warnings'][number]) => describeIssue(i as ImportIssue, uiLang);

  return (
    <section className="panel excel-import" data-testid="excel-import">
      <div className="panel-body">
        <p className="muted intro">{t('excelImport.intro')}</p>
        <div className="reports-form">
          <label>
            <span>{t('excelImport.templateLanguage')}</span>
            <select
              value={templateLang}
              onChange={(e) => setTemplateLang(e.target.value as Language)}
              data-testid="template-lang"
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {ENDONYMS[l]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn"
            onClick={() => void downloadTemplate(false)}
            data-testid="template-empty"
          >
            {t('excelImport.templateEmpty')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void downloadTemplate(true)}
            data-testid="template-current"
          >
            {t('excelImport.templateCurrent')}
          </button>
        </div>
        <div className="import-form">
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            data-testid="excel-file"
            aria-label={t('excelImport.choose')}
            tabIndex={-1}
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => input.current?.click()}
            data-testid="excel-choose"
          >
            {t('excelImport.choose')}
          </button>
          {state.phase === 'uploading' && (
            <span className="muted">{t('excelImport.reading', { name: state.name })}</span>
          )}
        </div>
        {wrongType && <Alert tone="error">{t('excelImport.wrongType')}</Alert>}
        {state.phase === 'error' && (
          <Alert tone="error" testId="excel-error">
            {describeError(t, state.error)}
          </Alert>
        )}
        {state.phase === 'written' && (
          <Alert tone="ok" testId="excel-written">
            {t('excelImport.written', { count: state.written })}
          </Alert>
        )}
        {(state.phase === 'previewed' || state.phase === 'writing') && !state.preview.clean && (
          <div data-testid="excel-errors">
            <Alert tone="error">
              {t('excelImport.notClean', {
                count: state.preview.errors.length,
                name: state.preview.fileName,
              })}
            </Alert>
            <ul className="excel-issues" tabIndex={0}>
              {state.preview.errors.map((e, i) => (
                <li key={i} data-testid="excel-issue">
                  {issue(e)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {(state.phase === 'previewed' || state.phase === 'writing') && state.preview.clean && (
          <div data-testid="excel-preview">
            {state.preview.events === 0 ? (
              <Alert tone="info" testId="excel-no-changes">
                {t('excelImport.noChanges', { name: state.preview.fileName })}
              </Alert>
            ) : (
              <>
                <ul className="excel-counts" data-testid="excel-counts">
                  <li>
                    {t('excelImport.schoolsAdded', {
                      n: formatNumber(state.preview.counts.schoolsAdded, uiLang),
                    })}
                  </li>
                  <li>
                    {t('excelImport.schoolsChanged', {
                      n: formatNumber(state.preview.counts.schoolsChanged, uiLang),
                    })}
                  </li>
                  <li>
                    {t('excelImport.catchmentsChanged', {
                      n: formatNumber(state.preview.counts.catchmentsChanged, uiLang),
                    })}
                  </li>
                  <li>
                    {t('excelImport.streamsAdded', {
                      n: formatNumber(state.preview.counts.streamsAdded, uiLang),
                    })}
                  </li>
                  <li>
                    {t('excelImport.quotasChanged', {
                      n: formatNumber(state.preview.counts.quotasChanged, uiLang),
                    })}
                  </li>
                </ul>
                <ChangesTable changes={state.preview.changes} total={state.preview.events} />
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={state.phase === 'writing'}
                  data-testid="excel-confirm"
                  onClick={() =>
                    state.phase === 'previewed' && void confirm(state.uploadId, state.preview)
                  }
                >
                  {t('excelImport.confirm', { n: formatNumber(state.preview.events, uiLang) })}
                </button>
              </>
            )}
            {state.preview.notices.length > 0 && (
              <ul className="excel-notices muted">
                {state.preview.notices.slice(0, 50).map((n, i) => (
                  <li key={i}>
                    {n.kind === 'school_not_in_workbook' &&
                      t('excelImport.noticeSchool', { school: n.schoolId })}
                    {n.kind === 'stream_not_in_workbook' &&
                      t('excelImport.noticeStream', {
                        school: n.schoolId,
                        language: n.language ?? '',
                      })}
                    {n.kind === 'classes_kept' &&
                      t('excelImport.noticeClasses', {
                        school: n.schoolId,
                        language: n.language ?? '',
                        classes: n.classes ?? 0,
                      })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {(state.phase === 'previewed' || state.phase === 'writing') &&
          state.preview.warnings.length > 0 && (
            <ul className="excel-warnings muted">
              {state.preview.warnings.slice(0, 100).map((w, i) => (
                <li key={i}>{issue(w)}</li>
              ))}
            </ul>
          )}
      </div>
    </section>
  );
}
