// What the replay with the sandbox quotas would have changed: per stream before
// and after, then every child whose outcome changes, by name. Nothing is written.
import { useTranslation } from 'react-i18next';
import type { Res } from '../../bridge';
import { formatNumber } from '../../i18n/formatting';
import { streamLanguageName } from '../dashboard/streamLanguageName';

type Result = Res<'quotas.whatIf'>;
type School = Res<'quotas.list'>['schools'][number];

const HOLDS_SEAT = new Set(['registered', 'documents_received', 'enrolled']);

export function WhatIfResult({
  result,
  schools,
}: {
  result: Result;
  schools: Map<string, School>;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const name = (id: string) => schools.get(id)?.name ?? id;
  const outcome = (o: Result['changes'][number]['before']) =>
    o.status === 'absent'
      ? t('quotas.absent')
      : o.status === 'refused' && o.reason
        ? `${t('status.refused')}: ${t(`reason.${o.reason as 'no_free_seats'}`)}`
        : t(`status.${o.status as 'registered'}`);
  return (
    <section
      className="panel what-if-result"
      data-testid="what-if-result"
      aria-labelledby="what-if-title"
    >
      <div className="panel-header">
        <h2 id="what-if-title">{t('quotas.whatIfTitle')}</h2>
        <span className="muted">
          {t('quotas.whatIfStats', { events: n(result.events), ms: n(result.ms) })}
        </span>
      </div>
      <div className="panel-body">
        <p>
          <strong data-testid="what-if-gained">
            {t('quotas.gained', { count: result.gained })}
          </strong>{' '}
          · <strong>{t('quotas.lost', { count: result.lost })}</strong>
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>{t('quotas.school')}</th>
              <th>{t('quotas.language')}</th>
              <th className="num">{t('quotas.quotaBefore')}</th>
              <th className="num">{t('quotas.quotaAfter')}</th>
              <th className="num">{t('quotas.occupiedBefore')}</th>
              <th className="num">{t('quotas.occupiedAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {result.streams.map((s) => (
              <tr key={s.key}>
                <td>{name(s.schoolId)}</td>
                <td>{streamLanguageName(t, s.language)}</td>
                <td className="num">{n(s.quotaBefore)}</td>
                <td className="num">{n(s.quotaAfter)}</td>
                <td className="num">{n(s.occupiedBefore)}</td>
                <td className="num">{n(s.occupiedAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.changes.length === 0 ? (
          <p className="muted">{t('quotas.noChanges')}</p>
        ) : (
          <table className="table what-if-changes" data-testid="what-if-changes">
            <thead>
              <tr>
                <th>{t('quotas.child')}</th>
                <th>{t('quotas.application')}</th>
                <th>{t('quotas.before')}</th>
                <th>{t('quotas.after')}</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr
                  key={c.applicationId}
                  data-application={c.applicationId}
                  className={
                    !HOLDS_SEAT.has(c.before.status) && HOLDS_SEAT.has(c.after.status)
                      ? 'gained'
                      : 'lost'
                  }
                >
                  <td>{c.childName}</td>
                  <td className="mono">{c.applicationId}</td>
                  <td>{outcome(c.before)}</td>
                  <td>
                    {outcome(c.after)} · {name(c.after.schoolId)},{' '}
                    {streamLanguageName(t, c.after.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {result.totalChanges > result.changes.length && (
          <p className="muted">
            {t('quotas.moreChanges', { count: result.totalChanges - result.changes.length })}
          </p>
        )}
      </div>
    </section>
  );
}
