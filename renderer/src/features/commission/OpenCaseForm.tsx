// Opening a case: the child's full name, an optional PIN and birth date, the reason
// (a kind and free text) and notes. Main checks every field again and names it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_REASON_KINDS, type CommissionCase } from '../../../../shared/ipc/channels/commission';
import { api } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { Alert } from '../../ui/Alert';
import { reasonKindLabel } from './labels';

type Kind = (typeof CASE_REASON_KINDS)[number];

export function OpenCaseForm({
  onOpened,
  onCancel,
}: {
  onOpened: (c: CommissionCase) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [fullName, setFullName] = useState('');
  const [pin, setPin] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [reasonKind, setReasonKind] = useState<Kind>('no_documents');
  const [reasonText, setReasonText] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setError] = useState<string | null>(null);
  const command = useCommand();
  const { busy } = command;
  const error = problem ?? (command.error ? describeError(t, command.error) : null);

  const submit = async () => {
    setError(null);
    if (fullName.trim().length < 3) return setError(t('commission.form.nameRequired'));
    if (pin.trim() && !/^[12]\d{13}$/.test(pin.trim()))
      return setError(t('commission.form.pinInvalid'));
    if (reasonKind === 'other' && !reasonText.trim())
      return setError(t('commission.form.reasonRequired'));
    const opened = await command.run(() =>
      api['commission.open']({
        fullName: fullName.trim(),
        ...(pin.trim() ? { pin: pin.trim() } : {}),
        ...(birthDate ? { birthDate } : {}),
        reasonKind,
        ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      }),
    );
    if (opened) onOpened(opened.case);
  };

  return (
    <div className="panel review-detail" data-testid="case-form">
      <div className="panel-header">
        <strong>{t('commission.newCase')}</strong>
      </div>
      <div className="panel-body">
        <label className="field">
          <span>{t('commission.form.fullName')} *</span>
          <input
            className="input"
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            maxLength={200}
            data-testid="case-fullname"
          />
        </label>
        <label className="field">
          <span>{t('commission.form.pin')}</span>
          <input
            className="input"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            inputMode="numeric"
            maxLength={14}
            data-testid="case-pin"
          />
        </label>
        <label className="field">
          <span>{t('commission.form.birthDate')}</span>
          <input
            className="input"
            type="date"
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            data-testid="case-birthdate"
          />
        </label>
        <label className="field">
          <span>{t('commission.form.reasonKind')} *</span>
          <select
            className="select"
            value={reasonKind}
            onChange={(e) => setReasonKind(e.target.value as Kind)}
            data-testid="case-reason-kind"
          >
            {CASE_REASON_KINDS.map((k) => (
              <option key={k} value={k}>
                {reasonKindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            {t('commission.form.reasonText')}
            {reasonKind === 'other' && ' *'}
          </span>
          <textarea
            className="input textarea"
            value={reasonText}
            onChange={(e) => setReasonText(e.target.value)}
            maxLength={2000}
            data-testid="case-reason-text"
          />
        </label>
        <label className="field">
          <span>{t('commission.notes')}</span>
          <textarea
            className="input textarea"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={4000}
            data-testid="case-notes"
          />
        </label>
        <p className="muted">{t('commission.form.attachLater')}</p>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={submit}
            data-testid="case-open"
          >
            {t('commission.form.open')}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('commission.form.cancel')}
          </button>
        </div>
        {error && (
          <Alert tone="error" testId="case-form-error">
            {error}
          </Alert>
        )}
      </div>
    </div>
  );
}
