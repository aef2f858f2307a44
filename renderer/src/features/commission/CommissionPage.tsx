// The commission's screen: the cases (open first), a form to open one, and a case's
// detail with its documents, the decision (place into a stream, beyond the quota
// with a written justification, or decline) and the printable decision sheet.
import { useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CommissionCase } from '../../../../shared/ipc/channels/commission';
import { api, type Res } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDate, formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { Attachments } from '../privileges/Attachments';
import { DecisionSheet } from './DecisionSheet';
import { OpenCaseForm } from './OpenCaseForm';
import { caseReasonText } from './labels';
import {
  CASE_FILTERS,
  INITIAL_DECISION,
  INITIAL_SCREEN,
  caseById,
  caseCount,
  casesShown,
  chosenStream,
  decisionReducer,
  decisionRequest,
  screenReducer,
  type DecisionProblem,
} from './commissionScreen';
import { actorName } from '../../i18n/codeLabel';
import '../privileges/privileges.css';
import './commission.css';

type School = Res<'schools.list'>['schools'][number];
const NO_SCHOOLS: School[] = [];

export function CommissionPage() {
  const { t, i18n } = useTranslation();
  const casesQuery = useQuery<Res<'commission.cases'>>('commission.cases', () =>
    api['commission.cases']({}),
  );
  const schoolsQuery = useQuery<Res<'schools.list'>>('schools.list', () => api['schools.list']({}));
  const [screen, dispatch] = useReducer(screenReducer, INITIAL_SCREEN);
  const { filter, selected, creating } = screen;
  const cases = casesQuery.data?.cases ?? null;
  const schools = schoolsQuery.data?.schools ?? NO_SCHOOLS;
  const error = casesQuery.error ?? schoolsQuery.error;
  const load = () => void Promise.all([casesQuery.reload(), schoolsQuery.reload()]);

  const shown = useMemo(() => casesShown(cases ?? [], filter), [cases, filter]);
  if (!cases) return error ? <Alert tone="error">{describeError(t, error)}</Alert> : <Loading />;
  const current = caseById(cases, selected);
  const printing = caseById(cases, screen.printing);

  return (
    <div data-testid="commission">
      {printing && <DecisionSheet c={printing} onClose={() => dispatch({ type: 'closePrint' })} />}
      <div className="page-header">
        <h1>{t('commission.title')}</h1>
        <span className="header-spacer" />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => dispatch({ type: 'startCreating' })}
          data-testid="case-new"
        >
          {t('commission.newCase')}
        </button>
      </div>
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      <div className="case-filters" role="tablist">
        {CASE_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            className={filter === f ? 'btn btn-primary' : 'btn'}
            onClick={() => dispatch({ type: 'filter', filter: f })}
            data-testid={`case-filter-${f}`}
          >
            {f === 'all' ? t('commission.filterAll') : t(`caseStatus.${f}`)} ({caseCount(cases, f)})
          </button>
        ))}
      </div>
      <div className="review-layout">
        {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <div
          className="panel review-list"
          tabIndex={0}
          role="region"
          aria-label={t('commission.title')}
        >
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
                  <tr
                    key={c.caseId}
                    className={c.caseId === selected ? 'selected' : undefined}
                    onClick={() => dispatch({ type: 'select', caseId: c.caseId })}
                    data-testid="case-row"
                    data-case={c.caseId}
                  >
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
            onCancel={() => dispatch({ type: 'cancelCreating' })}
            onOpened={(c) => {
              dispatch({ type: 'opened', caseId: c.caseId });
              load();
            }}
          />
        )}
        {current && !creating && (
          <CaseDetail
            key={current.caseId}
            c={current}
            schools={schools}
            onChanged={load}
            onPrint={() => dispatch({ type: 'print', caseId: current.caseId })}
          />
        )}
      </div>
    </div>
  );
}

function CaseDetail({
  c,
  schools,
  onChanged,
  onPrint,
}: {
  c: CommissionCase;
  schools: School[];
  onChanged: () => void;
  onPrint: () => void;
}) {
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
          <dd>
            {c.birthDate ? formatDate(`${c.birthDate}T12:00:00+06:00`, lang) : t('commission.none')}
          </dd>
          <dt>{t('commission.col.reason')}</dt>
          <dd>{caseReasonText(t, c.reasonKind, c.reason)}</dd>
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
                {c.status === 'placed'
                  ? t('commission.placedInto', {
                      school: c.schoolName,
                      language: streamLanguageName(t, c.language ?? ''),
                    })
                  : t('caseStatus.declined')}
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
        <Attachments
          subject={{ kind: 'case', id: c.caseId }}
          attachments={c.attachments}
          canAdd={c.status === 'open'}
          onAdded={onChanged}
        />
        {c.status === 'open' ? (
          <DecideForm c={c} schools={schools} onDecided={onChanged} />
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={onPrint}
            data-testid="case-print"
          >
            {t('commission.printSheet')}
          </button>
        )}
      </div>
    </div>
  );
}

/** What the decision form still lacks, in words (literal keys, so the i18n tests see each). */
const PROBLEM_TEXT: Record<DecisionProblem, (t: TFunction) => string> = {
  chooseStream: (t) => t('commission.chooseStream'),
  justificationRequired: (t) => t('commission.justificationRequired'),
  noteRequired: (t) => t('commission.noteRequired'),
};

function DecideForm({
  c,
  schools,
  onDecided,
}: {
  c: CommissionCase;
  schools: School[];
  onDecided: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form, dispatch] = useReducer(decisionReducer, INITIAL_DECISION);
  const { decision, stream, justification, note } = form;
  const set = (patch: Partial<typeof form>) => dispatch({ type: 'set', patch });
  const command = useCommand();
  const [problem, setProblem] = useState<string | null>(null);
  const streams = useMemo(
    () =>
      schools.flatMap((s) =>
        s.streams.map((st) => ({
          key: `${s.schoolId}/${st.language}`,
          school: s,
          schoolId: s.schoolId,
          ...st,
        })),
      ),
    [schools],
  );
  const { full } = chosenStream(form, streams);
  const n = (v: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ru').format(v);
  const busy = command.busy;
  const error = problem ?? (command.error ? describeError(t, command.error) : null);

  const submit = async () => {
    const checked = decisionRequest(c.caseId, form, streams);
    if (!checked.ok) return setProblem(PROBLEM_TEXT[checked.problem](t));
    setProblem(null);
    if (await command.run(() => api['commission.decide'](checked.request))) onDecided();
  };

  return (
    <div className="decide" data-testid="decide-form">
      <div className="decide-choice">
        <label>
          <input
            type="radio"
            name="decision"
            checked={decision === 'place'}
            onChange={() => set({ decision: 'place' })}
            data-testid="decide-place"
          />{' '}
          {t('commission.place')}
        </label>
        <label>
          <input
            type="radio"
            name="decision"
            checked={decision === 'decline'}
            onChange={() => set({ decision: 'decline' })}
            data-testid="decide-decline"
          />{' '}
          {t('commission.decline')}
        </label>
      </div>
      {decision === 'place' && (
        <>
          <label className="field">
            <span>{t('commission.stream')}</span>
            <select
              className="select"
              value={stream}
              onChange={(e) => set({ stream: e.target.value })}
              data-testid="decide-stream"
            >
              <option value="">{t('commission.chooseStream')}</option>
              {streams.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.school.name} · {streamLanguageName(t, s.language)} ·{' '}
                  {s.overflow > 0
                    ? t('commission.streamOverflow', {
                        free: n(s.free),
                        quota: n(s.quota),
                        overflow: n(s.overflow),
                      })
                    : t('commission.streamFree', { free: n(s.free), quota: n(s.quota) })}
                </option>
              ))}
            </select>
          </label>
          {full && (
            <Alert tone="error" testId="beyond-quota-warning">
              {t('commission.fullWarning')}
            </Alert>
          )}
          <label className="field">
            <span>
              {t('commission.justification')}
              {full && ' *'}
            </span>
            <textarea
              className="input textarea"
              value={justification}
              onChange={(e) => set({ justification: e.target.value })}
              maxLength={4000}
              data-testid="decide-justification"
            />
          </label>
        </>
      )}
      <label className="field">
        <span>
          {t('commission.note')}
          {decision === 'decline' && ' *'}
        </span>
        <textarea
          className="input textarea"
          value={note}
          onChange={(e) => set({ note: e.target.value })}
          maxLength={2000}
          data-testid="decide-note"
        />
      </label>
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={submit}
        data-testid="decide-submit"
      >
        {decision === 'place' ? t('commission.confirmPlace') : t('commission.confirmDecline')}
      </button>
      {error && (
        <Alert tone="error" testId="decide-error">
          {error}
        </Alert>
      )}
    </div>
  );
}
