// A school's locality and own class-size norm: saved as school.registered with the
// same id, name, kind and district (the log's way of updating a school).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { Alert } from '../../ui/Alert';

type School = Res<'quotas.list'>['schools'][number];

export function SchoolNormEditor({
  school,
  onSaved,
  onClose,
}: {
  school: School;
  onSaved(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [locality, setLocality] = useState<'urban' | 'rural' | ''>(school.locality ?? '');
  const [norm, setNorm] = useState(
    school.classSizeNorm === null ? '' : String(school.classSizeNorm),
  );
  const command = useCommand();
  const error = command.error ? describeError(t, command.error) : null;
  const normValue = norm.trim() === '' ? null : Number(norm);
  const normBad =
    normValue !== null && (!Number.isInteger(normValue) || normValue < 1 || normValue > 100);

  const save = async () => {
    if (normBad) return;
    const request = {
      schoolId: school.schoolId,
      locality: locality === '' ? null : locality,
      classSizeNorm: normValue,
    };
    if (!(await command.run(() => api['quotas.setSchool'](request)))) return;
    onSaved();
    onClose();
  };

  return (
    <form
      className="norm-editor"
      data-testid="norm-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('quotas.locality')}{' '}
        <select
          value={locality}
          onChange={(e) => setLocality(e.target.value as 'urban' | 'rural' | '')}
        >
          <option value="">{t('quotas.localityUnknown')}</option>
          <option value="urban">{t('quotas.urban')}</option>
          <option value="rural">{t('quotas.rural')}</option>
        </select>
      </label>
      <label>
        {t('quotas.ownNorm')}{' '}
        <input
          type="text"
          inputMode="numeric"
          size={4}
          value={norm}
          onChange={(e) => setNorm(e.target.value)}
          aria-invalid={normBad}
        />
      </label>
      <span className="muted">{t('quotas.normHelp')}</span>
      {normBad && <span className="field-error">{t('quotas.normInvalid')}</span>}
      <button type="submit" className="btn btn-primary" disabled={normBad}>
        {t('quotas.saveSchool')}
      </button>
      <button type="button" className="btn" onClick={onClose}>
        {t('quotas.cancel')}
      </button>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}
