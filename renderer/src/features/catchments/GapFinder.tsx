// The gap finder: houses missing from every micro-district (a real failure of the
// national system), addresses two schools both serve, and entries that lie inside
// another school's entry. One click adds an uncovered address to the school being
// edited on the left; the officer still saves it.
import { useTranslation } from 'react-i18next';
import type { Res } from '../../bridge';
import { Loading } from '../../ui/Loading';
import type { Gaps } from './CatchmentsPage';

type School = Res<'catchments.list'>['schools'][number];

export function GapFinder({
  gaps,
  schools,
  targetName,
  onAdd,
  count,
}: {
  gaps: Gaps | null;
  schools: School[];
  targetName: string | null;
  onAdd(address: string): void;
  count(v: number): string;
}) {
  const { t } = useTranslation();
  const name = (id: string) => schools.find((s) => s.schoolId === id)?.name ?? id;
  return (
    <section className="panel gap-finder" data-testid="gap-finder" aria-labelledby="gap-title">
      <div className="panel-header">
        <h2 id="gap-title">{t('catchments.gapsTitle')}</h2>
      </div>
      <div className="panel-body">
        {!gaps ? (
          <Loading />
        ) : (
          <>
            <h3>
              {t('catchments.uncoveredTitle')}{' '}
              <span
                className="muted"
                data-testid="uncovered-count"
                data-count={gaps.uncoveredTotal}
              >
                {t('catchments.uncoveredCount', {
                  addresses: count(gaps.uncoveredTotal),
                  applications: count(gaps.uncoveredApplications),
                })}
              </span>
            </h3>
            {gaps.uncovered.length === 0 ? (
              <p className="muted">{t('catchments.noUncovered')}</p>
            ) : (
              <div
                className="gap-scroll"
                tabIndex={0}
                role="region"
                aria-label={t('catchments.uncoveredTitle')}
              >
                <table className="table" data-testid="uncovered-table">
                  <thead>
                    <tr>
                      <th>{t('catchments.address')}</th>
                      <th className="num">{t('catchments.applications')}</th>
                      <th>{t('catchments.sample')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {gaps.uncovered.map((u) => (
                      <tr key={u.address} data-address={u.address}>
                        <td className="mono">{u.address}</td>
                        <td className="num">{count(u.applications)}</td>
                        <td className="mono sample">{u.sample.join(', ')}</td>
                        <td>
                          <button
                            type="button"
                            className="link-button"
                            disabled={!targetName}
                            data-testid={`add-uncovered-${u.address}`}
                            onClick={() => onAdd(u.address)}
                          >
                            {t('catchments.addTo', { school: targetName ?? '' })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {gaps.uncoveredTotal > gaps.uncovered.length && (
              <p className="muted">
                {t('catchments.moreRows', { count: gaps.uncoveredTotal - gaps.uncovered.length })}
              </p>
            )}
            <h3>
              {t('catchments.overlapTitle')}{' '}
              <span className="muted">({count(gaps.overlappingTotal)})</span>
            </h3>
            {gaps.overlapping.length === 0 ? (
              <p className="muted">{t('catchments.noOverlap')}</p>
            ) : (
              <div
                className="gap-scroll"
                tabIndex={0}
                role="region"
                aria-label={t('catchments.overlapTitle')}
              >
                <table className="table" data-testid="overlap-table">
                  <thead>
                    <tr>
                      <th>{t('catchments.address')}</th>
                      <th>{t('catchments.schools')}</th>
                      <th className="num">{t('catchments.applications')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {gaps.overlapping.map((o) => (
                      <tr key={o.address}>
                        <td className="mono">{o.address}</td>
                        <td>{o.schoolIds.map(name).join(', ')}</td>
                        <td className="num">{count(o.applications)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h3>
              {t('catchments.nestedTitle')}{' '}
              <span className="muted">({count(gaps.catchmentOverlaps.length)})</span>
            </h3>
            {gaps.catchmentOverlaps.length === 0 ? (
              <p className="muted">{t('catchments.noNested')}</p>
            ) : (
              <ul className="nested-list">
                {gaps.catchmentOverlaps.map((c) => (
                  <li key={`${c.schoolId}:${c.entry}`}>
                    {t('catchments.nestedItem', {
                      entry: c.entry,
                      school: name(c.schoolId),
                      others: c.coveredBy.map((o) => `${name(o.schoolId)} (${o.entry})`).join(', '),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
