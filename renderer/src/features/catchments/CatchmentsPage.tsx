// Micro-districts: per school, the address-code prefixes it serves (add, edit,
// remove, then one save writes one catchment.set with the whole list), and the
// gap finder over the live engine: addresses of applications no school covers,
// addresses two schools cover, entries inside another school's entry.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, type Res } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { GapFinder } from './GapFinder';
import './catchments.css';

type School = Res<'catchments.list'>['schools'][number];
export type Gaps = Res<'catchments.gaps'>;

const SEGMENT = /^[\p{L}\p{N}_-]+$/u;

/** The same checks main makes (main/services/catchments), in the user's language. */
export function codeProblem(
  t: TFunction,
  code: string,
  list: string[],
  index: number,
): string | null {
  if (code.length === 0) return t('catchments.errEmpty');
  if (code !== code.trim()) return t('catchments.errSpaces');
  const segments = code.split('.');
  if (segments.some((s) => s.length === 0)) return t('catchments.errSegment');
  if (segments.some((s) => !SEGMENT.test(s))) return t('catchments.errChars');
  const first = list.indexOf(code);
  if (first !== index) return t('catchments.errDuplicate', { row: first + 1 });
  return null;
}

const covers = (entry: string, address: string) =>
  address === entry || address.startsWith(entry + '.');

export function CatchmentsPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery('catchments.list', () => api['catchments.list']({}));
  const gapsQuery = useQuery<Gaps>('catchments.gaps', () => api['catchments.gaps']({}));
  const command = useCommand();
  const schools: School[] | null = list.data?.schools ?? null;
  const gaps = gapsQuery.data;
  const busy = command.busy;
  const error = command.error ?? list.error ?? gapsQuery.error;
  const [selected, setSelected] = useState('');
  const [draft, setDraft] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  // The first in-scope school is chosen once the list first arrives (during render, so
  // the first frame with the list already shows it).
  const firstSchool = schools?.find((s) => s.inScope) ?? null;
  if (selected === '' && firstSchool) {
    setSelected(firstSchool.schoolId);
    setDraft([...firstSchool.addresses]);
  }

  const school = schools?.find((s) => s.schoolId === selected) ?? null;
  const dirty =
    school !== null &&
    (school.addresses.length !== draft.length || school.addresses.some((a, i) => a !== draft[i]));
  const problems = draft.map((code, i) => codeProblem(t, code, draft, i));
  const invalidCount = problems.filter((p) => p !== null).length;

  /** Another in-scope school that already covers an entry (or lies inside it): a warning, not an error. */
  const coveredBy = useMemo(() => {
    const out = new Map<string, string[]>();
    for (const code of draft) {
      if (!code) continue;
      const names = (schools ?? [])
        .filter(
          (s) =>
            s.inScope &&
            s.schoolId !== selected &&
            s.addresses.some((a) => covers(a, code) || covers(code, a)),
        )
        .map((s) => s.name);
      if (names.length) out.set(code, names);
    }
    return out;
  }, [draft, schools, selected]);

  const choose = (schoolId: string) => {
    const s = schools?.find((x) => x.schoolId === schoolId);
    setSelected(schoolId);
    setDraft(s ? [...s.addresses] : []);
    setNotice(null);
    command.clearError();
  };

  const addAddress = (code = '') => {
    setDraft((d) => (code && d.includes(code) ? d : [...d, code]));
    setNotice(null);
  };

  const save = async () => {
    if (!school || invalidCount > 0 || busy) return;
    const saved = await command.run(() =>
      api['catchments.save']({ schoolId: school.schoolId, addresses: draft }),
    );
    if (!saved) return;
    setNotice(
      saved.written ? t('catchments.saved', { count: draft.length }) : t('catchments.unchanged'),
    );
    await list.reload();
    await gapsQuery.reload();
  };

  if (!schools) {
    if (error) return <Alert tone="error">{describeError(t, error)}</Alert>;
    return <Loading />;
  }

  return (
    <div data-testid="catchments-page" className="catchments">
      <div className="page-header">
        <h1>{t('catchments.title')}</h1>
      </div>
      <div className="catchments-layout">
        <section className="panel catchment-editor" aria-labelledby="catchment-editor-title">
          <div className="panel-header">
            <h2 id="catchment-editor-title">{t('catchments.editorTitle')}</h2>
            <select
              data-testid="catchment-school"
              value={selected}
              onChange={(e) => choose(e.target.value)}
              aria-label={t('catchments.school')}
            >
              {schools.map((s) => (
                <option key={s.schoolId} value={s.schoolId}>
                  {s.name}
                  {s.inScope ? '' : ` (${t('catchments.notInScope')})`}
                </option>
              ))}
            </select>
          </div>
          <div className="panel-body">
            {school && !school.inScope && (
              <Alert tone="info">{t('catchments.notInScopeHelp')}</Alert>
            )}
            <p className="muted">{t('catchments.help')}</p>
            <ol className="catchment-list" data-testid="catchment-list">
              {draft.map((code, i) => (
                <li key={i}>
                  <input
                    type="text"
                    value={code}
                    data-testid={`catchment-entry-${i}`}
                    aria-label={t('catchments.entry', { row: i + 1 })}
                    aria-invalid={problems[i] !== null}
                    onChange={(e) =>
                      setDraft((d) => d.map((x, j) => (j === i ? e.target.value : x)))
                    }
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        if (i === draft.length - 1) addAddress();
                      }
                    }}
                  />
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid={`catchment-remove-${i}`}
                    onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
                  >
                    {t('catchments.remove')}
                  </button>
                  {problems[i] && (
                    <span className="field-error" data-testid={`catchment-error-${i}`}>
                      {t('catchments.rowError', { row: i + 1, problem: problems[i] })}
                    </span>
                  )}
                  {!problems[i] && coveredBy.has(code) && (
                    <span className="field-warning">
                      {t('catchments.alsoCovers', { schools: coveredBy.get(code)!.join(', ') })}
                    </span>
                  )}
                </li>
              ))}
            </ol>
            {draft.length === 0 && <p className="muted">{t('catchments.empty')}</p>}
            <div className="catchment-actions">
              <button
                type="button"
                className="btn"
                data-testid="catchment-add"
                onClick={() => addAddress()}
              >
                {t('catchments.add')}
              </button>
              <span className="header-spacer" />
              {dirty && <span className="muted">{t('catchments.unsaved')}</span>}
              <button
                type="button"
                className="btn"
                disabled={!dirty}
                onClick={() => school && choose(school.schoolId)}
              >
                {t('catchments.discard')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="catchment-save"
                disabled={!dirty || invalidCount > 0 || busy}
                onClick={() => void save()}
              >
                {t('catchments.save')}
              </button>
            </div>
            {error && (
              <Alert tone="error" testId="catchments-error">
                {describeError(t, error)}
              </Alert>
            )}
            {notice && (
              <Alert tone="ok" testId="catchments-notice">
                {notice}
              </Alert>
            )}
          </div>
        </section>
        <GapFinder
          gaps={gaps}
          schools={schools}
          targetName={school?.name ?? null}
          onAdd={(address) => addAddress(address)}
          count={(v) => formatNumber(v, i18n.language)}
        />
      </div>
    </div>
  );
}
