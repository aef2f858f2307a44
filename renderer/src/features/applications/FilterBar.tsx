// The registry's filters (status, stage, basis, privilege state and category,
// school, stream language, place in an R16 queue, PIN/name search) and the signed-in user's saved filters.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import type { RegistryFilter, RegistrySort } from '../../../../shared/ipc/channels/applications';
import { describeError } from '../../i18n/describeError';
import {
  BASES,
  DEFAULT_PRIVILEGE_CATEGORIES,
  PRIVILEGE_STATES,
  STATUSES,
  STREAM_LANGUAGES,
} from '../../i18n/domainValues';
import { Alert } from '../../ui/Alert';
import { streamLanguageName } from '../dashboard/streamLanguageName';

type Saved = Res<'applications.filters'>['filters'];

interface Props {
  filter: RegistryFilter;
  onChange(filter: RegistryFilter): void;
  schools: [string, string][];
  sort: RegistrySort;
  direction: 'asc' | 'desc';
  onApplySaved(filter: RegistryFilter, sort?: RegistrySort, direction?: 'asc' | 'desc'): void;
}

/** Sets or clears one key: an empty select means "any". */
function withKey<K extends keyof RegistryFilter>(
  f: RegistryFilter,
  key: K,
  value: RegistryFilter[K] | undefined,
): RegistryFilter {
  const out = { ...f };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

export function FilterBar({ filter, onChange, schools, sort, direction, onApplySaved }: Props) {
  const { t } = useTranslation();
  const savedQuery = useQuery<Res<'applications.filters'>>('applications.filters', () =>
    api['applications.filters']({}),
  );
  const saved: Saved = savedQuery.data?.filters ?? [];
  const command = useCommand();
  const { error } = command;
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');

  async function save() {
    const r = await command.run(() =>
      api['applications.saveFilter']({ name: name.trim(), filter, sort, direction }),
    );
    if (!r) return;
    savedQuery.setData(r);
    setChosen(name.trim());
    setName('');
  }
  async function remove() {
    if (!chosen) return;
    const r = await command.run(() => api['applications.deleteFilter']({ name: chosen }));
    if (!r) return;
    savedQuery.setData(r);
    setChosen('');
  }
  function apply(value: string) {
    setChosen(value);
    const s = saved.find((x) => x.name === value);
    if (s) onApplySaved(s.filter, s.sort, s.direction);
  }

  const status = filter.status?.[0] ?? '';
  return (
    <section className="panel registry-filters" role="search">
      <div className="reg-filter-row">
        <label className="reg-search">
          {t('applications.search')}
          <input
            className="input"
            type="search"
            value={filter.search ?? ''}
            placeholder={t('applications.searchHint')}
            onChange={(e) => onChange(withKey(filter, 'search', e.target.value || undefined))}
            data-testid="registry-search"
          />
        </label>
        <label>
          {t('applications.col.status')}
          <select
            className="select"
            value={status}
            onChange={(e) =>
              onChange(
                withKey(
                  filter,
                  'status',
                  e.target.value ? [e.target.value as (typeof STATUSES)[number]] : undefined,
                ),
              )
            }
            data-testid="filter-status"
          >
            <option value="">{t('applications.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applications.col.stage')}
          <select
            className="select"
            value={filter.stage === undefined ? '' : String(filter.stage)}
            onChange={(e) =>
              onChange(
                withKey(
                  filter,
                  'stage',
                  e.target.value === '' ? undefined : (Number(e.target.value) as 0 | 1 | 2),
                ),
              )
            }
            data-testid="filter-stage"
          >
            <option value="">{t('applications.any')}</option>
            <option value="1">{t('applications.stage1')}</option>
            <option value="2">{t('applications.stage2')}</option>
            <option value="0">{t('applications.stageNone')}</option>
          </select>
        </label>
        <label>
          {t('applications.col.basis')}
          <select
            className="select"
            value={filter.basis ?? ''}
            onChange={(e) =>
              onChange(
                withKey(filter, 'basis', (e.target.value || undefined) as RegistryFilter['basis']),
              )
            }
            data-testid="filter-basis"
          >
            <option value="">{t('applications.any')}</option>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(`basis.${b}`)}
              </option>
            ))}
            <option value="none">{t('applications.basisNone')}</option>
          </select>
        </label>
        <label>
          {t('applications.col.privilege')}
          <select
            className="select"
            value={filter.privilege ?? ''}
            onChange={(e) =>
              onChange(
                withKey(
                  filter,
                  'privilege',
                  (e.target.value || undefined) as RegistryFilter['privilege'],
                ),
              )
            }
            data-testid="filter-privilege"
          >
            <option value="">{t('applications.any')}</option>
            {PRIVILEGE_STATES.map((p) => (
              <option key={p} value={p}>
                {t(`privilege.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applications.category')}
          <select
            className="select"
            value={filter.privilegeCategory ?? ''}
            onChange={(e) =>
              onChange(withKey(filter, 'privilegeCategory', e.target.value || undefined))
            }
            data-testid="filter-category"
          >
            <option value="">{t('applications.any')}</option>
            {DEFAULT_PRIVILEGE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`privilegeCategory.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applications.col.school')}
          <select
            className="select reg-school-select"
            value={filter.schoolId ?? ''}
            onChange={(e) => onChange(withKey(filter, 'schoolId', e.target.value || undefined))}
            data-testid="filter-school"
          >
            <option value="">{t('applications.any')}</option>
            {schools.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applications.col.language')}
          <select
            className="select"
            value={filter.language ?? ''}
            onChange={(e) => onChange(withKey(filter, 'language', e.target.value || undefined))}
            data-testid="filter-language"
          >
            <option value="">{t('applications.any')}</option>
            {STREAM_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {streamLanguageName(t, l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('applications.queueUpTo')}
          <input
            className="input reg-queue-input"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={filter.waitlistPosition ?? ''}
            placeholder={t('applications.any')}
            onChange={(e) => {
              const n = Number(e.target.value);
              onChange(
                withKey(
                  filter,
                  'waitlistPosition',
                  e.target.value !== '' && Number.isInteger(n) && n >= 1 ? n : undefined,
                ),
              );
            }}
            data-testid="filter-queue"
          />
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => onChange({})}
          data-testid="filter-clear"
        >
          {t('applications.clear')}
        </button>
      </div>
      <div className="reg-filter-row reg-saved">
        <label>
          {t('applications.savedFilters')}
          <select
            className="select"
            value={chosen}
            onChange={(e) => apply(e.target.value)}
            data-testid="saved-filters"
          >
            <option value="">
              {saved.length ? t('applications.chooseSaved') : t('applications.noSaved')}
            </option>
            {saved.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={!chosen}
          onClick={remove}
          data-testid="saved-delete"
        >
          {t('applications.deleteSaved')}
        </button>
        <label>
          {t('applications.saveAs')}
          <input
            className="input"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            data-testid="saved-name"
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={!name.trim()}
          onClick={save}
          data-testid="saved-save"
        >
          {t('applications.save')}
        </button>
        {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      </div>
    </section>
  );
}
