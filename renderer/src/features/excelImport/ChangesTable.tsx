import { useTranslation } from 'react-i18next';
import type { Res } from '../../bridge';
import { formatNumber } from '../../i18n/formatting';

type Change = Extract<Res<'excelImport.preview'>, { clean: true }>['changes'][number];

/** The planned events said plainly: what is added or changed, school by school. */
export function ChangesTable({ changes, total }: { changes: Change[]; total: number }) {
  const { t, i18n } = useTranslation();
  const what = (c: Change): string => {
    if (c.type === 'school.registered')
      return c.change === 'added'
        ? t('excelImport.schoolAdded', { name: c.name ?? '' })
        : t('excelImport.schoolChanged', { name: c.name ?? '' });
    if (c.type === 'catchment.set')
      return t('excelImport.catchment', { prefixes: (c.addresses ?? []).join(', ') || '—' });
    return c.change === 'added'
      ? t('excelImport.streamAdded', { language: c.language ?? '', seats: c.seats ?? 0 })
      : t('excelImport.quotaChanged', {
          language: c.language ?? '',
          before: c.seatsBefore ?? 0,
          seats: c.seats ?? 0,
        });
  };
  return (
    <div className="reports-table-wrap">
      <table className="reports-table" data-testid="excel-changes">
        <thead>
          <tr>
            <th>{t('excelImport.school')}</th>
            <th>{t('excelImport.change')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={i}>
              <td>{c.schoolId}</td>
              <td>{what(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > changes.length && (
        <p className="muted">
          {t('excelImport.moreChanges', {
            shown: formatNumber(changes.length, i18n.language),
            total: formatNumber(total, i18n.language),
          })}
        </p>
      )}
    </div>
  );
}
