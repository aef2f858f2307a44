// The director's school list (mySchool): every child placed at the school with
// stream, basis, privilege, status, days left to the documents deadline and who
// is at risk of losing the seat (registered, AT_RISK_DAYS or fewer days left).
import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatDate, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { useSchoolChildren, type Child } from './useSchoolChildren';
import './school.css';

const COLUMNS = [
  'childName',
  'language',
  'basis',
  'privilege',
  'status',
  'daysLeft',
  'atRisk',
] as const;
type Column = (typeof COLUMNS)[number];

/** Sort keys: days left sorts "no deadline" (documents in) last; at risk sorts risky first when descending. */
function sortValue(c: Child, column: Column): string | number {
  switch (column) {
    case 'daysLeft':
      return c.daysLeft ?? Number.MAX_SAFE_INTEGER;
    case 'atRisk':
      return c.atRisk ? 1 : 0;
    case 'basis':
      return c.basis ?? '';
    default:
      return c[column];
  }
}

function columnLabels(t: TFunction): Record<Column, string> {
  return {
    childName: t('school.col.childName'),
    language: t('school.col.language'),
    basis: t('school.col.basis'),
    privilege: t('school.col.privilege'),
    status: t('school.col.status'),
    daysLeft: t('school.col.daysLeft'),
    atRisk: t('school.col.atRisk'),
  };
}

export function SchoolPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useSchoolChildren();
  const [sort, setSort] = useState<{ column: Column; desc: boolean }>({
    column: 'daysLeft',
    desc: false,
  });
  const [riskOnly, setRiskOnly] = useState(false);

  const rows = useMemo(() => {
    const list = (data?.children ?? []).filter((c) => !riskOnly || c.atRisk);
    const dir = sort.desc ? -1 : 1;
    return [...list].sort((a, b) => {
      const x = sortValue(a, sort.column);
      const y = sortValue(b, sort.column);
      const cmp =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), i18n.language);
      return cmp !== 0 ? cmp * dir : a.childName.localeCompare(b.childName, i18n.language);
    });
  }, [data, sort, riskOnly, i18n.language]);

  if (!data) {
    if (loading) return <Loading />;
    return (
      <Alert tone="error" testId="school-error">
        {error ? describeError(t, error) : t('error.internal')}{' '}
        <button type="button" className="btn" onClick={reload}>
          {t('app.retry')}
        </button>
      </Alert>
    );
  }

  const n = (v: number) => formatNumber(v, i18n.language);
  const count = (status: Child['status']) =>
    data.children.filter((c) => c.status === status).length;
  const atRisk = data.children.filter((c) => c.atRisk).length;
  const labels = columnLabels(t);
  const header = (column: Column) => {
    const active = sort.column === column;
    return (
      <th
        key={column}
        className={column === 'daysLeft' ? 'num' : undefined}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          data-sort={column}
          onClick={() => setSort({ column, desc: active ? !sort.desc : column === 'atRisk' })}
        >
          {labels[column]}
          <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div data-testid="school-page">
      <div className="page-header">
        <h1>{t('school.title')}</h1>
        <span className="scope">{data.school.name}</span>
        <span className="header-spacer" />
        {data.documentsEnd && (
          <span className="muted" data-testid="school-deadline">
            {t('school.deadline', { date: formatDate(data.documentsEnd, i18n.language) })}
          </span>
        )}
      </div>
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      <div className="totals school-totals">
        <div className="panel card">
          <span className="card-label">{t('school.total')}</span>
          <span className="card-value">{n(data.children.length)}</span>
        </div>
        <div className="panel card">
          <span className="card-label">{t('status.registered')}</span>
          <span className="card-value">{n(count('registered'))}</span>
        </div>
        <div className="panel card">
          <span className="card-label">{t('status.documents_received')}</span>
          <span className="card-value">{n(count('documents_received'))}</span>
        </div>
        <div className="panel card">
          <span className="card-label">{t('status.enrolled')}</span>
          <span className="card-value">{n(count('enrolled'))}</span>
        </div>
        <div className={`panel card${atRisk > 0 ? ' card-risk' : ''}`} data-testid="school-at-risk">
          <span className="card-label">{t('school.atRiskCount', { days: data.atRiskDays })}</span>
          <span className="card-value">{n(atRisk)}</span>
        </div>
      </div>
      <section className="panel">
        <div className="panel-header">
          <h2>{t('school.listTitle')}</h2>
          <span className="header-spacer" />
          <label className="check">
            <input
              type="checkbox"
              checked={riskOnly}
              onChange={(e) => setRiskOnly(e.target.checked)}
              data-testid="school-risk-only"
            />
            {t('school.riskOnly')}
          </label>
        </div>
        {rows.length === 0 ? (
          <div className="panel-body muted">
            {t(riskOnly ? 'school.noneAtRisk' : 'school.empty')}
          </div>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="table" data-testid="school-table">
              <thead>
                <tr>{COLUMNS.map(header)}</tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr
                    key={c.applicationId}
                    data-application-id={c.applicationId}
                    className={c.atRisk ? 'row-risk' : undefined}
                  >
                    <td>
                      <div>{c.childName}</div>
                      <div className="muted small">{c.applicationId}</div>
                    </td>
                    <td>{streamLanguageName(t, c.language)}</td>
                    <td>{c.basis ? t(`basis.${c.basis}`) : '—'}</td>
                    <td>
                      {c.privilege === 'none' ? '—' : t(`privilege.${c.privilege}`)}
                      {c.privilegeCategory && c.privilege !== 'none' && (
                        <div className="muted small">
                          {t(`privilegeCategory.${c.privilegeCategory}`, {
                            defaultValue: c.privilegeCategory,
                          })}
                        </div>
                      )}
                    </td>
                    <td>
                      {t(`status.${c.status}`)}
                      {c.orderNumber && (
                        <div className="muted small">
                          {t('school.order', { number: c.orderNumber })}
                        </div>
                      )}
                    </td>
                    <td className="num">{c.daysLeft === null ? '—' : n(c.daysLeft)}</td>
                    <td>
                      {c.atRisk ? <span className="risk-badge">{t('school.atRisk')}</span> : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
