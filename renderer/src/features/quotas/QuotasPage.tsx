// The district officer's quotas and streams: one table of every school's streams,
// edited inline from the keyboard (Enter/arrows move, Escape reverts, Ctrl+S saves),
// class-size warnings, a school's norm and locality, opening a new stream, the
// what-if sandbox, and the "would fit now" check of a stream's refused applications.
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, type ApiError, type Res } from '../../bridge';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { STREAM_LANGUAGES } from '../../i18n/domainValues';
import { assessStream } from '../../../../shared/district/classNorms';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useSession } from '../auth/SessionContext';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { RefusedPanel } from './RefusedPanel';
import { SchoolNormEditor } from './SchoolNormEditor';
import { WhatIfResult } from './WhatIfResult';
import './quotas.css';

type QuotaList = Res<'quotas.list'>;
type Stream = QuotaList['streams'][number];
type School = QuotaList['schools'][number];
export type WhatIf = Res<'quotas.whatIf'>;
type Field = 'seats' | 'classes';
/** Edited values per stream key; a key absent from the list is a stream being opened. */
type Edits = Record<string, { seats?: number; classes?: number }>;

const key = (schoolId: string, language: string) => `${schoolId}/${language}`;
const FIELDS: Field[] = ['seats', 'classes'];
/** A whole number of seats or classes, as the contract takes it (at most 100,000). */
const VALID_NUMBER = /^\d{1,6}$/;
const invalidText = (text: string | undefined) => text !== undefined && text.trim() !== '' && !VALID_NUMBER.test(text.trim());

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
  const { noteError } = useSession();
  const n = (v: number) => formatNumber(v, i18n.language);
  const [data, setData] = useState<QuotaList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  /** What a cell shows while it is typed in (`key|field`): may be empty or not yet a number. */
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [onlyWarnings, setOnlyWarnings] = useState(false);
  const [whatIfMode, setWhatIfMode] = useState(false);
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [normOf, setNormOf] = useState<string | null>(null);
  const [refusedOf, setRefusedOf] = useState<string | null>(null);
  const [newStream, setNewStream] = useState({ schoolId: '', language: 'uz', seats: '', classes: '' });
  const table = useRef<HTMLTableElement>(null);

  const load = useCallback(async () => {
    const r = await api['quotas.list']({});
    if (!r.ok) {
      noteError(r.error);
      setError(r.error);
      return;
    }
    setData(r.value);
    setError(null);
  }, [noteError]);

  useEffect(() => {
    void load();
  }, [load]);

  const schools = useMemo(() => new Map((data?.schools ?? []).map((s) => [s.schoolId, s])), [data]);
  const streams = useMemo(() => new Map((data?.streams ?? []).map((s) => [key(s.schoolId, s.language), s])), [data]);

  /** The stored streams plus those being opened, in school order. */
  const rows = useMemo(() => {
    if (!data) return [];
    const opened: Stream[] = Object.entries(edits)
      .filter(([k]) => !streams.has(k))
      .map(([k, e]) => {
        const [schoolId, language] = [k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1)];
        return { schoolId, language, quota: e.seats ?? 0, occupied: 0, free: e.seats ?? 0, overflow: 0, classes: e.classes ?? null, seatsPerClass: null, childrenPerClass: null, warnings: [] };
      });
    const all = [...data.streams, ...opened].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.language.localeCompare(b.language));
    return onlyWarnings ? all.filter((s) => s.warnings.length > 0) : all;
  }, [data, edits, streams, onlyWarnings]);

  const changes = useMemo(
    () =>
      Object.entries(edits).flatMap(([k, e]) => {
        const s = streams.get(k);
        const seats = e.seats ?? s?.quota ?? 0;
        const classes = e.classes ?? s?.classes ?? undefined;
        if (s && seats === s.quota && (classes ?? null) === s.classes) return [];
        const slash = k.lastIndexOf('/');
        return [{ schoolId: k.slice(0, slash), language: k.slice(slash + 1), seats, ...(classes !== undefined && classes !== null ? { classes } : {}) }];
      }),
    [edits, streams],
  );

  const value = (s: Stream, field: Field): number | null => {
    const e = edits[key(s.schoolId, s.language)];
    if (field === 'seats') return e?.seats ?? s.quota;
    return e?.classes ?? s.classes;
  };
  const isEdited = (s: Stream, field: Field): boolean => {
    const e = edits[key(s.schoolId, s.language)];
    const stored = streams.get(key(s.schoolId, s.language));
    if (!stored) return true;
    if (field === 'seats') return e?.seats !== undefined && e.seats !== stored.quota;
    return e?.classes !== undefined && e.classes !== stored.classes;
  };

  const setCell = (k: string, field: Field, raw: string) => {
    setTexts((prev) => ({ ...prev, [`${k}|${field}`]: raw }));
    const text = raw.trim();
    // Not a whole number yet: shown as typed and marked, the stored value stands, Save waits.
    if (text !== '' && !VALID_NUMBER.test(text)) return;
    const v = text === '' ? undefined : Number(text);
    setEdits((prev) => ({ ...prev, [k]: { ...prev[k], [field]: v } }));
  };
  const leaveCell = (k: string, field: Field) => {
    // An emptied cell falls back to the stored value when the officer moves on.
    setTexts((prev) => {
      if ((prev[`${k}|${field}`] ?? '').trim() !== '') return prev;
      const out = { ...prev };
      delete out[`${k}|${field}`];
      return out;
    });
  };
  const invalidCells = Object.values(texts).filter((v) => v.trim() !== '' && !VALID_NUMBER.test(v.trim())).length;
  const revertCell = (k: string, field: Field) => {
    setTexts((prev) => {
      const out = { ...prev };
      delete out[`${k}|${field}`];
      return out;
    });
    setEdits((prev) => {
      const next = { ...prev[k] };
      delete next[field];
      const out = { ...prev };
      if (Object.keys(next).length === 0 && streams.has(k)) delete out[k];
      else out[k] = next;
      return out;
    });
  };

  const focusCell = (row: number, col: number) => {
    const input = table.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`);
    if (input) {
      input.focus();
      input.select();
    }
  };

  const onCellKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number, k: string, field: Field) => {
    const input = e.currentTarget;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusCell(e.shiftKey ? row - 1 : row + 1, col);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusCell(row - 1, col);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      revertCell(k, field);
    } else if (e.key === 'ArrowLeft' && input.selectionStart === 0 && input.selectionEnd === 0 && col > 0) {
      e.preventDefault();
      focusCell(row, col - 1);
    } else if (e.key === 'ArrowRight' && input.selectionStart === input.value.length && col < FIELDS.length - 1) {
      e.preventDefault();
      focusCell(row, col + 1);
    }
  };

  const save = useCallback(async () => {
    if (changes.length === 0 || busy || invalidCells > 0) return;
    setBusy(true);
    setNotice(null);
    const r = await api['quotas.save']({ changes });
    setBusy(false);
    if (!r.ok) {
      noteError(r.error);
      setError(r.error);
      return;
    }
    setEdits({});
    setTexts({});
    setWhatIf(null);
    setWhatIfMode(false);
    setNotice(t('quotas.saved', { count: r.value.written }));
    await load();
  }, [changes, busy, invalidCells, noteError, load, t]);

  const replay = async () => {
    const overrides = changes.map(({ schoolId, language, seats }) => ({ schoolId, language, seats }));
    if (overrides.length === 0) return;
    setBusy(true);
    const r = await api['quotas.whatIf']({ overrides });
    setBusy(false);
    if (!r.ok) {
      noteError(r.error);
      setError(r.error);
      return;
    }
    setError(null);
    setWhatIf(r.value);
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

  const openStream = () => {
    const seats = Number(newStream.seats);
    const classes = newStream.classes.trim() === '' ? undefined : Number(newStream.classes);
    if (!newStream.schoolId || !Number.isInteger(seats) || seats < 0 || (classes !== undefined && (!Number.isInteger(classes) || classes < 0))) return;
    const k = key(newStream.schoolId, newStream.language);
    setEdits((prev) => ({ ...prev, [k]: { seats, ...(classes !== undefined ? { classes } : {}) } }));
    setNewStream((s) => ({ ...s, seats: '', classes: '' }));
  };

  if (!data) {
    if (error) return <Alert tone="error" testId="quotas-error">{describeError(t, error)}</Alert>;
    return <Loading />;
  }

  const offered = (schoolId: string) => new Set(rows.filter((r) => r.schoolId === schoolId).map((r) => r.language));
  const newStreamTaken = newStream.schoolId !== '' && offered(newStream.schoolId).has(newStream.language);
  const warned = data.streams.filter((s) => s.warnings.length > 0).length;

  return (
    <div data-testid="quotas-page" className={whatIfMode ? 'quotas what-if-on' : 'quotas'}>
      <div className="page-header">
        <h1>{t('quotas.title')}</h1>
        <span className="muted">{t('quotas.asOf', { date: formatDateTime(data.asOf, i18n.language) })}</span>
        <span className="header-spacer" />
      </div>
      <div className="quotas-toolbar">
        <label>
          <input type="checkbox" data-testid="only-warnings" checked={onlyWarnings} onChange={(e) => setOnlyWarnings(e.target.checked)} />{' '}
          {t('quotas.onlyWarnings', { count: warned })}
        </label>
        <label className="what-if-toggle">
          <input
            type="checkbox"
            data-testid="what-if-toggle"
            checked={whatIfMode}
            onChange={(e) => {
              setWhatIfMode(e.target.checked);
              setWhatIf(null);
            }}
          />{' '}
          {t('quotas.whatIfMode')}
        </label>
        <span className="header-spacer" />
        <span className="muted" data-testid="edited-count">{t('quotas.edited', { count: changes.length })}</span>
        {whatIfMode ? (
          <>
            <button type="button" className="btn" data-testid="what-if-replay" disabled={busy || changes.length === 0 || invalidCells > 0} onClick={() => void replay()}>
              {t('quotas.replay')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="what-if-apply" disabled={busy || !whatIf || changes.length === 0 || invalidCells > 0} onClick={() => void save()}>
              {t('quotas.apply')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn" disabled={busy || changes.length === 0} onClick={() => (setEdits({}), setTexts({}))}>
              {t('quotas.discard')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="quotas-save" disabled={busy || changes.length === 0 || invalidCells > 0} onClick={() => void save()} title={t('quotas.saveHint')}>
              {t('quotas.save')}
            </button>
          </>
        )}
      </div>
      {whatIfMode && <Alert tone="info">{t('quotas.whatIfExplain')}</Alert>}
      {invalidCells > 0 && <Alert tone="error" testId="quotas-invalid">{t('quotas.invalidCells', { count: invalidCells })}</Alert>}
      {error && <Alert tone="error" testId="quotas-error">{describeError(t, error)}</Alert>}
      {notice && <Alert tone="ok" testId="quotas-notice">{notice}</Alert>}
      {whatIf && <WhatIfResult result={whatIf} schools={schools} />}
      <section className="panel">
        <div className="table-scroll quotas-scroll">
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
                const edited = isEdited(s, 'seats') || isEdited(s, 'classes');
                const warnings = edited && school ? assessStream({ quota: seats, occupied: s.occupied, classes }, school).warnings : s.warnings;
                return (
                  <Fragment key={k}>
                    <tr data-stream={k} className={first ? 'school-first' : undefined}>
                      <td className="school-cell">
                        {first && (
                          <>
                            <span>{school?.name ?? s.schoolId}</span>{' '}
                            <button type="button" className="link-button" data-testid={`norm-${s.schoolId}`} onClick={() => setNormOf(normOf === s.schoolId ? null : s.schoolId)}>
                              {t('quotas.normShort', { norm: school?.norm ?? 30 })}
                            </button>
                          </>
                        )}
                      </td>
                      <td>{streamLanguageName(t, s.language)}</td>
                      {FIELDS.map((field, col) => (
                        <td key={field} className={`num edit-cell${isEdited(s, field) ? ' edited' : ''}`}>
                          <input
                            type="text"
                            inputMode="numeric"
                            aria-label={`${school?.name ?? s.schoolId} ${streamLanguageName(t, s.language)}: ${field === 'seats' ? t('quotas.seats') : t('quotas.classes')}`}
                            data-row={row}
                            data-col={col}
                            data-testid={`${field}-${k}`}
                            value={texts[`${k}|${field}`] ?? value(s, field) ?? ''}
                            aria-invalid={invalidText(texts[`${k}|${field}`])}
                            onChange={(e) => setCell(k, field, e.target.value)}
                            onBlur={() => leaveCell(k, field)}
                            onKeyDown={(e) => onCellKey(e, row, col, k, field)}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                        </td>
                      ))}
                      <td className="num">{perClass !== null ? n(perClass) : '—'}</td>
                      <td className="num">{n(s.occupied)}</td>
                      <td className="num" data-testid={`free-${k}`}>{n(s.free)}</td>
                      <td className={`num${s.overflow > 0 ? ' overflow' : ''}`}>{s.overflow > 0 ? n(s.overflow) : '—'}</td>
                      <td>
                        {warnings.map((w) => (
                          <span key={w} className={`warn warn-${w}`}>
                            {warningLabel(t, w)}
                          </span>
                        ))}
                      </td>
                      <td>
                        {streams.has(k) && (
                          <button type="button" className="link-button" data-testid={`refused-${k}`} onClick={() => setRefusedOf(refusedOf === k ? null : k)}>
                            {t('quotas.refusedToggle')}
                          </button>
                        )}
                      </td>
                    </tr>
                    {first && normOf === s.schoolId && school && (
                      <tr className="sub-row">
                        <td colSpan={10}>
                          <SchoolNormEditor school={school} onSaved={() => void load()} onClose={() => setNormOf(null)} />
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
            <select data-testid="new-stream-school" value={newStream.schoolId} onChange={(e) => setNewStream((s) => ({ ...s, schoolId: e.target.value }))}>
              <option value="">—</option>
              {data.schools.filter((s: School) => s.inScope).map((s) => (
                <option key={s.schoolId} value={s.schoolId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('quotas.language')}{' '}
            <select data-testid="new-stream-language" value={newStream.language} onChange={(e) => setNewStream((s) => ({ ...s, language: e.target.value }))}>
              {STREAM_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {streamLanguageName(t, l)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('quotas.seats')}{' '}
            <input type="text" inputMode="numeric" size={5} data-testid="new-stream-seats" value={newStream.seats} onChange={(e) => setNewStream((s) => ({ ...s, seats: e.target.value }))} />
          </label>
          <label>
            {t('quotas.classes')}{' '}
            <input type="text" inputMode="numeric" size={4} value={newStream.classes} onChange={(e) => setNewStream((s) => ({ ...s, classes: e.target.value }))} />
          </label>
          <button type="button" className="btn" data-testid="new-stream-add" disabled={!newStream.schoolId || newStream.seats.trim() === '' || newStreamTaken} onClick={openStream}>
            {t('quotas.openStreamAdd')}
          </button>
          {newStreamTaken && <span className="muted">{t('quotas.streamExists')}</span>}
        </div>
      </section>
    </div>
  );
}
