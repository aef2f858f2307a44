// A parent's written request, recorded by the officer: a withdrawal, or a stage-2
// transfer to a stream chosen from the list with its free seats. The request's
// reference (number and date of the letter) is required; the engine judges the
// event in main and a refusal comes back in the user's language, nothing written.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { streamLanguageName } from '../dashboard/streamLanguageName';

type Detail = Res<'applications.get'>;
type Streams = Res<'applications.streams'>['streams'];
type Kind = 'withdraw' | 'transfer';

export function RequestForm({
  application,
  streams,
  onRecorded,
}: {
  application: Detail['application'];
  streams: Streams;
  onRecorded(detail: Detail, kind: Kind): void;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind | null>(null);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const command = useCommand();
  const { busy, error } = command;

  const choices = streams.filter(
    (s) => !(s.schoolId === application.schoolId && s.language === application.language),
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!kind) return;
    const common = {
      applicationId: application.id,
      reference: reference.trim(),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const [toSchoolId, toLanguage] = target.split('/');
    const recorded = await command.run(() =>
      kind === 'withdraw'
        ? api['applications.withdraw'](common)
        : api['applications.transfer']({
            ...common,
            toSchoolId: toSchoolId ?? '',
            toLanguage: toLanguage ?? '',
          }),
    );
    if (!recorded) return;
    setKind(null);
    setReference('');
    setNote('');
    onRecorded(recorded.detail, kind);
  }

  if (!kind) {
    return (
      <div className="reg-actions">
        <span className="muted">{t('applications.request.title')}</span>
        <button
          type="button"
          className="btn"
          onClick={() => setKind('withdraw')}
          data-testid="request-withdraw"
        >
          {t('applications.request.withdraw')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setKind('transfer')}
          data-testid="request-transfer"
        >
          {t('applications.request.transfer')}
        </button>
      </div>
    );
  }
  return (
    <form className="reg-request" onSubmit={submit} data-testid="request-form">
      <h3 className="section-title">
        {kind === 'withdraw'
          ? t('applications.request.withdrawTitle')
          : t('applications.request.transferTitle')}
      </h3>
      {kind === 'transfer' && (
        <label className="field">
          {t('applications.request.target')}
          <select
            className="select"
            required
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="request-target"
          >
            <option value="">{t('applications.request.chooseTarget')}</option>
            {choices.map((s) => (
              <option key={`${s.schoolId}/${s.language}`} value={`${s.schoolId}/${s.language}`}>
                {`${s.schoolName} · ${streamLanguageName(t, s.language)} · ${t('applications.request.free', { n: formatNumber(s.free, i18n.language) })}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        {t('applications.request.reference')}
        <input
          className="input"
          required
          maxLength={200}
          value={reference}
          placeholder={t('applications.request.referenceHint')}
          onChange={(e) => setReference(e.target.value)}
          data-testid="request-reference"
        />
      </label>
      <label className="field">
        {t('applications.request.note')}
        <textarea
          className="input reg-note"
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="request-note"
        />
      </label>
      {error && (
        <Alert tone="error" testId="request-error">
          {describeError(t, error)}
        </Alert>
      )}
      <div className="reg-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !reference.trim() || (kind === 'transfer' && !target)}
          data-testid="request-submit"
        >
          {kind === 'withdraw'
            ? t('applications.request.recordWithdraw')
            : t('applications.request.recordTransfer')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setKind(null);
            command.clearError();
          }}
        >
          {t('applications.request.cancel')}
        </button>
      </div>
    </form>
  );
}
