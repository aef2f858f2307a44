// The district officer's quotas and streams: one table of every school's streams,
// edited inline from the keyboard (Enter/arrows move, Escape reverts, Ctrl+S saves),
// class-size warnings, a school's norm and locality, opening a new stream, the
// what-if sandbox, and the "would fit now" check of a stream's refused applications.
import {
  Fragment,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, type Res } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { STREAM_LANGUAGES } from '../../i18n/domainValues';
import { assessStream } from '../../../../shared/district/classNorms';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { RefusedPanel } from './RefusedPanel';
import { SchoolNormEditor } from './SchoolNormEditor';
import { WhatIfResult } from './WhatIfResult';
import {
  FIELDS,
  INITIAL_EDITOR,
  cellText,
  changesToSave,
  MAX_COUNT,
  invalidCellCount,
  invalidCellProblems,
  isEdited,
  isInvalidText,
  quotasReducer,
  streamKey,
  tableRows,
  valueOf,
  type Field,
  type Stream,
} from './quotasEditor';
import './quotas.css';

type QuotaList = Res<'quotas.list'>;
type School = QuotaList['schools'][number];
export type { WhatIf } from './quotasEditor';
const key = streamKey;

export function warningLabel(t: TFunction, w: Stream['warnings'][number]): string {
  switch (w) {
    case 'above_norm':
      return t('quotas.warnAboveNorm');
    case 'above_max':
      return t('quotas.warnAboveMax');
    case 'far_above':
      return t('quotas.warnFarAbove');
    case 'overflow':
      return t('quotas.warnOverflow');
  }
}

export function QuotasPage() {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const list = useQuery<QuotaList>('quotas.list', () => api['quotas.list']({}));
  const command = useCommand();
  const data = list.data;
  const error = command.error ?? list.error;
  const busy = command.busy;
  const [state, dispatch] = useReducer(quotasReducer, INITIAL_EDITOR);
  const { whatIfMode, whatIf, normOf, refusedOf, newStream } = state;
  const table = useRef<HTMLTableElement>(null);

  const schools = useMemo(() => new Map((data?.schools ?? []).map((s) => [s.schoolId, s])), [data]);
  const streams = useMemo(
    () => new Map((data?.streams ?? []).map((s) => [key(s.schoolId, s.language), s])),
    [data],
  );
  const rows = useMemo(
    () => tableRows(state, data?.streams ?? [], streams),
    [state, data, streams],
  );
  const changes = useMemo(() => changesToSave(state, streams), [state, streams]);
  const invalidCells = invalidCellCount(state);
  const value = (s: Stream, field: Field) => valueOf(state, s, field);
  const edited = (s: Stream, field: Field) => isEdited(state, streams, s, field);

  const focusCell = (row: number, col: number) => {
    const input = table.current?.querySelector<HTMLInputElement>(
      `input[data-row="${row}"][data-col="${col}"]`,
    );
    if (input) {
      input.focus();
      input.select();
    }
  };

  const onCellKey = (
    e: KeyboardEvent<HTMLInputElement>,
    row: number,
    col: number,
    k: string,
    field: Field,
  ) => {
    const input = e.currentTarget;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusCell(e.shiftKey ? row - 1 : row + 1, col);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusCell(row - 1, col);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      dispatch({ type: 'revertCell', key: k, field, stored: streams.has(k) });
    } else if (
      e.key === 'ArrowLeft' &&
      input.selectionStart === 0 &&
      input.selectionEnd === 0 &&
      col > 0
    ) {
      e.preventDefault();
      focusCell(row, col - 1);
    } else if (
      e.key === 'ArrowRight' &&
      input.selectionStart === input.value.length &&
      col < FIELDS.length - 1
    ) {
      e.preventDefault();
      focusCell(row, col + 1);
    }
  };

  const { run } = command;
  const { reload } = list;
  const save = useCallback(async () => {
    if (changes.length === 0 || busy || invalidCells > 0) return;
    const saved = await run(() => api['quotas.save']({ changes }));
    if (!saved) return;
    dispatch({ type: 'saved', written: saved.written });
    await reload();
  }, [changes, busy, invalidCells, run, reload]);

  const replay = async () => {
    const overrides = changes.map(({ schoolId, language, seats }) => ({
      schoolId,
      language,
      seats,
    }));
    if (overrides.length === 0) return;
    const result = await run(() => api['quotas.whatIf']({ overrides }));
    if (result) dispatch({ type: 'whatIfResult', result });
  };

  // Ctrl+S (Cmd+S) saves from anywhere on the screen; in what-if mode nothing is written by a key.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!whatIfMode) void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, whatIfMode]);

  if (!data) {
    if (error)
      return (
        <Alert tone="error" testId="quotas-error">
          {describeError(t, error)}
        </Alert>
      );
    return <Loading />;
  }

  const offered = (schoolId: string) =>
    new Set(rows.filter((r) => r.schoolId === schoolId).map((r) => r.language));
  const newStreamTaken =
    newStream.schoolId !== '' && offered(newStream.schoolId).has(newStream.language);
  const warned = data.streams.filter((s) => s.warnings.length > 0).length;

  return (
    <div data-testid="quotas-page" className={whatIfMode ? 'quotas what-if-on' : 'quotas'}>
      <div className="page-header">
        <h1>{t('quotas.title')}</h1>
        <span className="muted">
          {t('quotas.asOf', { date: formatDateTime(data.asOf, i18n.language) })}
        </span>
        <span className="header-spacer" />
      </div>
      <div className="quotas-toolbar">
        <label>
          <input
            type="checkbox"
            data-testid="only-warnings"
            checked={state.onlyWarnings}
            onChange={(e) => dispatch({ type: 'setOnlyWarnings', on: e.target.checked })}
          />{' '}
          {t('quotas.onlyWarnings', { count: warned })}
        </label>
        <label className="what-if-toggle">
          <input
            type="checkbox"
            data-testid="what-if-toggle"
            checked={whatIfMode}
            onChange={(e) => dispatch({ type: 'setWhatIfMode', on: e.target.checked })}
          />{' '}
          {t('quotas.whatIfMode')}
        </label>
        <span className="header-spacer" />
        <span className="muted" data-testid="edited-count">
          {t('quotas.edited', { count: changes.length })}
        </span>
        {whatIfMode ? (
          <>
            <button
              type="button"
              className="btn"
              data-testid="what-if-replay"
              disabled={busy || changes.length === 0 || invalidCells > 0}
              onClick={() => void replay()}
            >
              {t('quotas.replay')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="what-if-apply"
              disabled={busy || !whatIf || changes.length === 0 || invalidCells > 0}
              onClick={() => void save()}
            >
              {t('quotas.apply')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn"
              disabled={busy || changes.length === 0}
              onClick={() => dispatch({ type: 'discard' })}
            >
              {t('quotas.discard')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="quotas-save"
              disabled={busy || changes.length === 0 || invalidCells > 0}
              onClick={() => void save()}
              title={t('quotas.saveHint')}
            >
              {t('quotas.save')}
            </button>
          </>
        )}
      </div>
      {whatIfMode && <Alert tone="info">{t('quotas.whatIfExplain')}</Alert>}
      {invalidCells > 0 && (
        <Alert tone="error" testId="quotas-invalid">
          {t('quotas.invalidCells', { count: invalidCells })}{' '}
          {invalidCellProblems(state)
            .filter((p) => p !== 'not_whole')
            .map((p) =>
              t(`quotas.countProblem.${p}`, { max: formatNumber(MAX_COUNT, i18n.language) }),
            )
            .join(' ')}
        </Alert>
      )}
      {error && (
        <Alert tone="error" testId="quotas-error">
          {describeError(t, error)}
        </Alert>
      )}
      {state.savedCount !== null && (
        <Alert tone="ok" testId="quotas-notice">
          {t('quotas.saved', { count: state.savedCount })}
        </Alert>
      )}
      {whatIf && <WhatIfResult result={whatIf} schools={schools} />}
      <section className="panel">
        <div className="table-scroll quotas-scroll" tabIndex={0}>
          <table className="table quotas-table" ref={table} data-testid="quotas-table">
            <thead>
              <tr>
                <th>{t('quotas.school')}</th>
                <th>{t('quotas.language')}</th>
                <th className="num">{t('quotas.seats')}</th>
                <th className="num">{t('quotas.classes')}</th>
                <th className="num">{t('quotas.seatsPerClass')}</th>
                <th className="num">{t('quotas.occupied')}</th>
                <th className="num">{t('quotas.free')}</th>
                <th className="num">{t('quotas.overflow')}</th>
                <th>{t('quotas.warnings')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((s, row) => {
                const k = key(s.schoolId, s.language);
                const school = schools.get(s.schoolId);
                const first = row === 0 || rows[row - 1]!.schoolId !== s.schoolId;
                const seats = value(s, 'seats') ?? 0;
                const classes = value(s, 'classes');
                const perClass = classes ? Math.round((seats / classes) * 10) / 10 : null;
                // Warnings follow the typed values (the same shared rules main applies), so
                // the officer sees a breach or an overflow before saving it.
                const changed = edited(s, 'seats') || edited(s, 'classes');
                const warnings =
                  changed && school
                    ? assessStream({ quota: seats, occupied: s.occupied, classes }, school).warnings
                    : s.warnings;
                return (
                  <Fragment key={k}>
                    <tr data-stream={k} className={first ? 'school-first' : undefined}>
                      <td className="school-cell">
                        {first && (
                          <>
                            <span>{school?.name ?? s.schoolId}</span>{' '}
                            <button
                              type="button"
                              className="link-button"
                              data-testid={`norm-${s.schoolId}`}
                              onClick={() => dispatch({ type: 'toggleNorm', schoolId: s.schoolId })}
                            >
                              {t('quotas.normShort', { norm: school?.norm ?? 30 })}
                            </button>
                          </>
                        )}
                      </td>
                      <td>{streamLanguageName(t, s.language)}</td>
                      {FIELDS.map((field, col) => (
                        <td
                          key={field}
                          className={`num edit-cell${edited(s, field) ? ' edited' : ''}`}
                        >
                          <input
                            type="text"
                            inputMode="numeric"
                            aria-label={`${school?.name ?? s.schoolId} ${streamLanguageName(t, s.language)}: ${field === 'seats' ? t('quotas.seats') : t('quotas.classes')}`}
                            data-row={row}
                            data-col={col}
                            data-testid={`${field}-${k}`}
                            value={cellText(state, s, field)}
                            aria-invalid={isInvalidText(state.texts[`${k}|${field}`])}
                            onChange={(e) =>
                              dispatch({ type: 'typeCell', key: k, field, text: e.target.value })
                            }
                            onBlur={() => dispatch({ type: 'leaveCell', key: k, field })}
                            onKeyDown={(e) => onCellKey(e, row, col, k, field)}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                        </td>
                      ))}
                      <td className="num">{perClass !== null ? n(perClass) : '—'}</td>
                      <td className="num">{n(s.occupied)}</td>
                      <td className="num" data-testid={`free-${k}`}>
                        {n(s.free)}
                      </td>
                      <td className={`num${s.overflow > 0 ? ' overflow' : ''}`}>
                        {s.overflow > 0 ? n(s.overflow) : '—'}
                      </td>
                      <td>
                        {warnings.map((w) => (
                          <span key={w} className={`warn warn-${w}`}>
                            {warningLabel(t, w)}
                          </span>
                        ))}
                      </td>
                      <td>
                        {streams.has(k) && (
                          <button
                            type="button"
                            className="link-button"
                            data-testid={`refused-${k}`}
                            onClick={() => dispatch({ type: 'toggleRefused', key: k })}
                          >
                            {t('quotas.refusedToggle')}
                          </button>
                        )}
                      </td>
                    </tr>
                    {first && normOf === s.schoolId && school && (
                      <tr className="sub-row">
                        <td colSpan={10}>
                          <SchoolNormEditor
                            school={school}
                            onSaved={() => void reload()}
                            onClose={() => dispatch({ type: 'closeNorm' })}
                          />
                        </td>
                      </tr>
                    )}
                    {refusedOf === k && (
                      <tr className="sub-row">
                        <td colSpan={10}>
                          <RefusedPanel schoolId={s.schoolId} language={s.language} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {rows.length === 0 && <div className="panel-body muted">{t('quotas.noStreams')}</div>}
        </div>
      </section>
      <section className="panel open-stream" aria-labelledby="open-stream-title">
        <div className="panel-header">
          <h2 id="open-stream-title">{t('quotas.openStream')}</h2>
        </div>
        <div className="panel-body open-stream-form">
          <label>
            {t('quotas.school')}{' '}
            <select
              data-testid="new-stream-school"
              value={newStream.schoolId}
              onChange={(e) =>
                dispatch({ type: 'editNewStream', patch: { schoolId: e.target.value } })
              }
            >
              <option value="">—</option>
              {data.schools
                .filter((s: School) => s.inScope)
                .map((s) => (
                  <option key={s.schoolId} value={s.schoolId}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('quotas.language')}{' '}
            <select
              data-testid="new-stream-language"
              value={newStream.language}
              onChange={(e) =>
                dispatch({ type: 'editNewStream', patch: { language: e.target.value } })
              }
            >
              {STREAM_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {streamLanguageName(t, l)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('quotas.seats')}{' '}
            <input
              type="text"
              inputMode="numeric"
              size={5}
              data-testid="new-stream-seats"
              value={newStream.seats}
              onChange={(e) =>
                dispatch({ type: 'editNewStream', patch: { seats: e.target.value } })
              }
            />
          </label>
          <label>
            {t('quotas.classes')}{' '}
            <input
              type="text"
              inputMode="numeric"
              size={4}
              value={newStream.classes}
              onChange={(e) =>
                dispatch({ type: 'editNewStream', patch: { classes: e.target.value } })
              }
            />
          </label>
          <button
            type="button"
            className="btn"
            data-testid="new-stream-add"
            disabled={!newStream.schoolId || newStream.seats.trim() === '' || newStreamTaken}
            onClick={() => dispatch({ type: 'openStream' })}
          >
            {t('quotas.openStreamAdd')}
          </button>
          {newStreamTaken && <span className="muted">{t('quotas.streamExists')}</span>}
          {state.newStreamProblem && (
            <span className="quotas-new-problem" role="alert" data-testid="new-stream-problem">
              {t(`quotas.countProblem.${state.newStreamProblem}`, {
                max: formatNumber(MAX_COUNT, i18n.language),
              })}
            </span>
          )}
        </div>
      </section>
    </div>
  );
}
