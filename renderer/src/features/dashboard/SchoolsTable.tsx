import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/formatting';
import { streamLanguageName } from './streamLanguageName';
import type { SchoolSummary } from './useDashboardData';

export function SchoolsTable({ schools }: { schools: SchoolSummary[] }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section className="panel" aria-labelledby="schools-title">
      <div className="panel-header">
        <h2 id="schools-title">{t('dashboard.schoolsTitle')}</h2>
      </div>
      {schools.length === 0 ? (
        <div className="panel-body muted">{t('dashboard.noSchools')}</div>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="table" data-testid="schools-table">
            <thead>
              <tr>
                <th>{t('dashboard.school')}</th>
                <th>{t('dashboard.stream')}</th>
                <th className="num">{t('dashboard.quota')}</th>
                <th className="num">{t('dashboard.occupied')}</th>
                <th className="num">{t('dashboard.free')}</th>
                <th className="num">{t('dashboard.overflow')}</th>
              </tr>
            </thead>
            <tbody>
              {schools.flatMap((school) =>
                school.streams.map((stream, index) => (
                  <tr
                    key={`${school.schoolId}/${stream.language}`}
                    data-school-id={school.schoolId}
                  >
                    {index === 0 && (
                      <td rowSpan={school.streams.length} className="school-cell">
                        {school.name}
                      </td>
                    )}
                    <td>{streamLanguageName(t, stream.language)}</td>
                    <td className="num">{n(stream.quota)}</td>
                    <td className="num">{n(stream.occupied)}</td>
                    <td className="num">{n(stream.free)}</td>
                    <td className={`num${stream.overflow > 0 ? ' overflow' : ''}`}>
                      {stream.overflow > 0 ? n(stream.overflow) : '—'}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
