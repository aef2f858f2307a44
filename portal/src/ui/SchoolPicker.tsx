// Schools as a list of radio choices, one per stream (school + language), each with its
// free seats: stage 1 the child's catchment schools, stage 2 every school with a free seat,
// searchable by name and district.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolView, SchoolsPage } from '../../../shared/portal/contract';
import { formatNumber } from '../../../renderer/src/i18n/formatting';
import { portalApi } from '../api/portal';
import { Alert } from './Alert';
import { describeError } from './describe';
import { languageLabel } from './labels';

export interface Pick {
  schoolId: string;
  schoolName: string;
  language: string;
}

const PAGE = 30;

export function SchoolPicker({
  childPin,
  value,
  onChange,
  error,
  onStage,
  freeOnly = false,
}: {
  childPin: string;
  value: Pick | null;
  onChange(p: Pick): void;
  error?: string | null;
  onStage?(stage: 1 | 2): void;
  /** a transfer: only streams with a free seat can take the child */
  freeOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [q, setQ] = useState('');
  const [district, setDistrict] = useState('');
  const [page, setPage] = useState<SchoolsPage | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const searchId = useId();
  const districtId = useId();
  const errorId = useId();

  const load = async (offset: number) => {
    setLoading(true);
    setLoadError(null);
    try {
      const query = { childPin, q: q.trim() || undefined, districtId: district || undefined };
      const next = await portalApi.schools({ ...query, offset, limit: PAGE });
      onStage?.(next.stage);
      setPage((prev) =>
        offset > 0 && prev ? { ...next, schools: [...prev.schools, ...next.schools] } : next,
      );
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  };

  // The search runs as the parent types, a moment after the last key, and on a new district.
  useEffect(() => {
    const timer = setTimeout(() => void load(0), q ? 300 : 0);
    return () => clearTimeout(timer);
    // `load` reads these three; a new `onStage` from the parent page is no reason to reload.
  }, [q, district, childPin]);

  const stage = page?.stage;
  const schools: SchoolView[] = page?.schools ?? [];
  return (
    <div className="school-picker">
      {stage === 2 && (
        <div className="search" role="search">
          <div className="field">
            <label htmlFor={searchId}>{t('apply.search')}</label>
            <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={districtId}>{t('apply.district')}</label>
            <select id={districtId} value={district} onChange={(e) => setDistrict(e.target.value)}>
              <option value="">{t('apply.allDistricts')}</option>
              {page?.districts.map((d) => (
                <option key={d.districtId} value={d.districtId}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {loadError !== null && <Alert kind="error">{describeError(t, loadError, lang)}</Alert>}
      <fieldset aria-describedby={error ? errorId : undefined} aria-busy={loading}>
        <legend>{t(stage === 1 ? 'apply.catchmentSchools' : 'apply.schools')}</legend>
        {error && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
        <p role="status" className="count">
          {page ? t('apply.found', { count: page.total }) : t('common.loading')}
        </p>
        {page && schools.length === 0 && (
          <p>{t(stage === 1 ? 'apply.noCatchment' : 'apply.none')}</p>
        )}
        <ul className="schools">
          {schools.map((s) => (
            <li key={s.schoolId} className="school">
              <p className="school-name">
                {s.name}
                <span className="district">{s.districtName}</span>
              </p>
              <ul className="streams">
                {s.streams.map((st) => {
                  const full = st.free <= 0;
                  const id = `${s.schoolId}-${st.language}`;
                  return (
                    <li key={st.language}>
                      <input
                        type="radio"
                        name="stream"
                        id={id}
                        disabled={freeOnly && full}
                        checked={value?.schoolId === s.schoolId && value.language === st.language}
                        onChange={() =>
                          onChange({
                            schoolId: s.schoolId,
                            schoolName: s.name,
                            language: st.language,
                          })
                        }
                      />
                      <label htmlFor={id}>
                        {languageLabel(t, st.language)}:{' '}
                        {full
                          ? t('apply.full')
                          : t('apply.free', { count: st.free, n: formatNumber(st.free, lang) })}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
        {page && schools.length < page.total && (
          <button
            type="button"
            className="secondary"
            disabled={loading}
            onClick={() => void load(schools.length)}
          >
            {t('apply.more')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
