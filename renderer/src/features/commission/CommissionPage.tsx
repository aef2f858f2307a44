// The commission's screen: the cases (open first), a form to open one, and a case's
// detail with its documents, the decision (place into a stream, beyond the quota
// with a written justification, or decline) and the printable decision sheet.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommissionCase } from '../../../../shared/ipc/channels/commission';
import { api, type ApiError, type Res } from '../../bridge';
import { describeError } from '../../i18n/describeError';
import { formatDate, formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { Attachments } from '../privileges/Attachments';
import { DecisionSheet } from './DecisionSheet';
import { OpenCaseForm } from './OpenCaseForm';
import { caseReasonText } from './labels';
import { actorName } from '../../i18n/codeLabel';
import '../privileges/privileges.css';
import './commission.css';

type Filter = 'open' | 'placed' | 'declined' | 'all';
type School = Res<'schools.list'>['schools'][number];

export function CommissionPage() {
  const { t, i18n } = useTranslation();
  const [cases, setCases] = useState<CommissionCase[] | null>(null);
  const [schools, setSchools] = useState<School[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [filter, setFilter] = useState<Filter>('open');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [printing, setPrinting] = useState<CommissionCase | null>(null);

  const load = useCallback(async () => {
    const [c, s] = await Promise.all([api['commission.cases']({}), api['schools.list']({})]);
    if (c.ok) setCases(c.value.cases);
    else setError(c.error);
    if (s.ok) setSchools(s.value.schools);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => (cases ?? []).filter((c) => filter === 'all' || c.status === filter), [cases, filter]);
  if (!cases) return error ? <Alert tone="error">{describeError(t, error)}</Alert> : <Loading />;
  const current = cases.find((c) => c.caseId === selected) ?? null;
  const count = (f: Filter) => (f === 'all' ? cases.length : cases.filter((c) => c.status === f).length);

  return (
    <div data-testid="commission">
      {printing && <DecisionSheet c={printing} onClose={() => setPrinting(null)} />}
      <div className="page-header">
        <h1>{t('commission.title')}</h1>
        <span className="header-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => (setCreating(true), setSelected(null))} data-testid="case-new">
          {t('commission.newCase')}
        </button>
      </div>
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      <div className="case-filters" role="tablist">
        {(['open', 'placed', 'declined', 'all'] as const).map((f) => (
          <button key={f} type="button" role="tab" aria-selected={filter === f} className={filter === f ? 'btn btn-primary' : 'btn'} onClick={() => setFilter(f)} data-testid={`case-filter-${f}`}>
            {f === 'all' ? t('commission.filterAll') : t(`caseStatus.${f}`)} ({count(f)})
          </button>
        ))}
      </div>
      <div className="review-layout">
        <div className="panel review-list">
          {shown.length === 0 ? (
            <div className="panel-body muted">{t('commission.empty')}</div>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('commission.col.case')}</th>
                  <th>{t('commission.col.child')}</th>
                  <th>{t('commission.col.reason')}</th>
                  <th>{t('commission.col.status')}</th>
                  <th>{t('commission.col.opened')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.caseId} className={c.caseId === selected ? 'selected' : undefined} onClick={() => (setSelected(c.caseId), setCreating(false))} data-testid="case-row" data-case={c.caseId}>
                    <td>{c.caseId}</td>
                    <td>{c.fullName}</td>
                    <td>{caseReasonText(t, c.reasonKind, c.reason)}</td>
                    <td data-testid="case-status">{t(`caseStatus.${c.status}`)}</td>
                    <td>{formatDateTime(c.openedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {creating && (
          <OpenCaseForm
            onCancel={() => setCreating(false)}
            onOpened={(c) => {
              setCreating(false);
              setFilter('open');
              setSelected(c.caseId);
              void load();
            }}
          />
        )}
        {current && !creating && <CaseDetail key={current.caseId} c={current} schools={schools} onChanged={load} onPrint={() => setPrinting(current)} />}
      </div>
    </div>
  );
}

function CaseDetail({ c, schools, onChanged, onPrint }: { c: CommissionCase; schools: School[]; onChanged: () => void; onPrint: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="panel review-detail" data-testid="case-detail">
      <div className="panel-header">
        <strong>{c.fullName}</strong>
        <span className="muted">{c.caseId}</span>
        <span className="header-spacer" />
        <span className={`case-badge case-${c.status}`} data-testid="case-detail-status">
          {t(`caseStatus.${c.status}`)}
        </span>
      </div>
      <div className="panel-body">
        <dl className="facts">
          <dt>{t('commission.pin')}</dt>
          <dd>{c.pin ?? t('commission.none')}</dd>
          <dt>{t('commission.birthDate')}</dt>
          <dd>{c.birthDate ? formatDate(`${c.birthDate}T12:00:00+06:00`, lang) : t('commission.none')}</dd>
          <dt>{t('commission.col.reason')}</dt>
          <dd>
            {caseReasonText(t, c.reasonKind, c.reason)}
          </dd>
          {c.notes && (
            <>
              <dt>{t('commission.notes')}</dt>
              <dd>{c.notes}</dd>
            </>
          )}
          <dt>{t('commission.col.opened')}</dt>
          <dd>
            {formatDateTime(c.openedAt, lang)}
            {c.openedBy && ` · ${actorName(t, c.openedByName, 'commission')}`}
          </dd>
          {c.status !== 'open' && (
            <>
              <dt>{t('commission.decision')}</dt>
              <dd data-testid="case-decision">
                {c.status === 'placed' ? t('commission.placedInto', { school: c.schoolName, language: streamLanguageName(t, c.language ?? '') }) : t('caseStatus.declined')}
                {c.beyondQuota && <div className="at-risk">{t('commission.beyondQuota')}</div>}
              </dd>
              {c.justification && (
                <>
                  <dt>{t('commission.justification')}</dt>
                  <dd>{c.justification}</dd>
                </>
              )}
              {c.decisionNote && (
                <>
                  <dt>{t('commission.note')}</dt>
                  <dd>{c.decisionNote}</dd>
                </>
              )}
              <dt>{t('commission.decidedAt')}</dt>
              <dd>
                {c.decidedAt && formatDateTime(c.decidedAt, lang)}
                {c.decidedBy && ` · ${actorName(t, c.decidedByName, 'commission')}`}
              </dd>
            </>
          )}
        </dl>
        <Attachments subject={{ kind: 'case', id: c.caseId }} attachments={c.attachments} canAdd={c.status === 'open'} onAdded={onChanged} />
        {c.status === 'open' ? (
          <DecideForm c={c} schools={schools} onDecided={onChanged} />
        ) : (
          <button type="button" className="btn btn-primary" onClick={onPrint} data-testid="case-print">
            {t('commission.printSheet')}
          </button>
        )}
      </div>
    </div>
  );
}

function DecideForm({ c, schools, onDecided }: { c: CommissionCase; schools: School[]; onDecided: () => void }) {
  const { t, i18n } = useTranslation();
  const [decision, setDecision] = useState<'place' | 'decline'>('place');
  const [stream, setStream] = useState('');
  const [justification, setJustification] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const streams = useMemo(() => schools.flatMap((s) => s.streams.map((st) => ({ key: `${s.schoolId}/${st.language}`, school: s, ...st }))), [schools]);
  const chosen = streams.find((s) => s.key === stream) ?? null;
  const full = chosen !== null && chosen.free === 0;
  const n = (v: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ru').format(v);

  const submit = async () => {
    setError(null);
    if (decision === 'place' && !chosen) return setError(t('commission.chooseStream'));
    if (decision === 'place' && full && justification.trim() === '') return setError(t('commission.justificationRequired'));
    if (decision === 'decline' && note.trim() === '') return setError(t('commission.noteRequired'));
    setBusy(true);
    const r = await api['commission.decide'](
      decision === 'place'
        ? { caseId: c.caseId, decision, schoolId: chosen!.school.schoolId, language: chosen!.language, ...(justification.trim() ? { justification: justification.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) }
        : { caseId: c.caseId, decision, note: note.trim() },
    );
    setBusy(false);
    if (r.ok) onDecided();
    else setError(describeError(t, r.error));
  };

  return (
    <div className="decide" data-testid="decide-form">
      <div className="decide-choice">
        <label>
          <input type="radio" name="decision" checked={decision === 'place'} onChange={() => setDecision('place')} data-testid="decide-place" /> {t('commission.place')}
        </label>
        <label>
          <input type="radio" name="decision" checked={decision === 'decline'} onChange={() => setDecision('decline')} data-testid="decide-decline" /> {t('commission.decline')}
        </label>
      </div>
      {decision === 'place' && (
        <>
          <label className="field">
            <span>{t('commission.stream')}</span>
            <select className="select" value={stream} onChange={(e) => setStream(e.target.value)} data-testid="decide-stream">
              <option value="">{t('commission.chooseStream')}</option>
              {streams.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.school.name} · {streamLanguageName(t, s.language)} · {s.overflow > 0 ? t('commission.streamOverflow', { free: n(s.free), quota: n(s.quota), overflow: n(s.overflow) }) : t('commission.streamFree', { free: n(s.free), quota: n(s.quota) })}
                </option>
              ))}
            </select>
          </label>
          {full && <Alert tone="error" testId="beyond-quota-warning">{t('commission.fullWarning')}</Alert>}
          <label className="field">
            <span>
              {t('commission.justification')}
              {full && ' *'}
            </span>
            <textarea className="input textarea" value={justification} onChange={(e) => setJustification(e.target.value)} maxLength={4000} data-testid="decide-justification" />
          </label>
        </>
      )}
      <label className="field">
        <span>
          {t('commission.note')}
          {decision === 'decline' && ' *'}
        </span>
        <textarea className="input textarea" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="decide-note" />
      </label>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={submit} data-testid="decide-submit">
        {decision === 'place' ? t('commission.confirmPlace') : t('commission.confirmDecline')}
      </button>
      {error && <Alert tone="error" testId="decide-error">{error}</Alert>}
    </div>
  );
}
