// The what-if from the queue: raise one stream's quota by N seats, now, and see
// whom the engine would place from the queues (the cascade included: a standing
// transfer that moves frees a seat for the next in its old stream's line). It
// runs on main's what-if worker and writes nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useRunner } from '../../data/useQuery';
import { codeLabel } from '../../i18n/codeLabel';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { streamLanguageName } from '../dashboard/streamLanguageName';

type Answer = Res<'waitlists.whatIf'>;

export function QueueWhatIf({ schoolId, language }: { schoolId: string; language: string }) {
  const { t, i18n } = useTranslation();
  const [runner, state] = useRunner<Answer>();
  const [add, setAdd] = useState('1');
  const n = (v: number) => formatNumber(v, i18n.language);
  const seats = Number(add);
  const valid = Number.isInteger(seats) && seats >= 1 && seats <= 10_000;
  const inputId = `what-if-add-${schoolId}-${language}`;
  const answer = state.data;
  const streamOf = (school: string, lang: string) =>
    t('waitlists.streamOf', { school, language: streamLanguageName(t, lang) });

  return (
    <div className="panel-body queue-what-if" data-testid="queue-what-if">
      <h3 className="section-title">{t('waitlists.whatIf.title')}</h3>
      <form
        className="queue-what-if-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid)
            void runner.run(() => api['waitlists.whatIf']({ schoolId, language, add: seats }));
        }}
      >
        <label htmlFor={inputId}>{t('waitlists.whatIf.add')}</label>
        <input
          id={inputId}
          className="input queue-what-if-add"
          type="number"
          min={1}
          max={10_000}
          step={1}
          value={add}
          onChange={(e) => setAdd(e.target.value)}
          data-testid="what-if-add"
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!valid || state.loading}
          data-testid="what-if-run"
        >
          {state.loading ? t('waitlists.whatIf.running') : t('waitlists.whatIf.run')}
        </button>
      </form>
      {state.error && <Alert tone="error">{describeError(t, state.error)}</Alert>}
      {answer && !state.loading && (
        <div data-testid="what-if-result" data-placed={answer.placed.length}>
          <p className="queue-what-if-summary">
            {!answer.queuesOpen
              ? t('waitlists.whatIf.closed')
              : answer.placed.length === 0
                ? t('waitlists.whatIf.none')
                : t('waitlists.whatIf.summary', {
                    before: n(answer.quotaBefore),
                    after: n(answer.quotaAfter),
                    count: n(answer.placed.length),
                  })}
          </p>
          {answer.placed.length > 0 && (
            <div className="table-scroll">
              <table className="table" data-testid="what-if-placed">
                <thead>
                  <tr>
                    <th>{t('waitlists.child')}</th>
                    <th>{t('waitlists.kind')}</th>
                    <th>{t('waitlists.whatIf.placedIn')}</th>
                    <th className="num">{t('waitlists.whatIf.waited')}</th>
                    <th>{t('waitlists.whatIf.leaves')}</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.placed.map((p) => (
                    <tr
                      key={p.applicationId}
                      data-application-id={p.applicationId}
                      data-kind={p.kind}
                    >
                      <td>{p.childName}</td>
                      <td>{codeLabel(t, 'queueEntryKind', p.kind)}</td>
                      <td>{streamOf(p.schoolName, p.language)}</td>
                      <td className="num">{n(p.position)}</td>
                      <td>{p.from ? streamOf(p.from.schoolName, p.from.language) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted">{t('waitlists.whatIf.note')}</p>
        </div>
      )}
    </div>
  );
}
