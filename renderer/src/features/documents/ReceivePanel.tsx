// The five-item checklist of R9. The button stays disabled until all five are
// ticked (main and the engine refuse an incomplete set anyway); a refusal is shown
// in the user's language, and a pending claim links to the privilege queue.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_ITEMS, type DocumentItem } from '../../../../shared/ipc/channels/school';
import { api } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { codeLabel } from '../../i18n/codeLabel';
import type { Child } from '../school/useSchoolChildren';

function itemLabels(t: TFunction): Record<DocumentItem, string> {
  return Object.fromEntries(
    DOCUMENT_ITEMS.map((item) => [item, codeLabel(t, 'document', item)]),
  ) as Record<DocumentItem, string>;
}

export function ReceivePanel({
  child,
  onDone,
  onCancel,
}: {
  child: Child;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Set<DocumentItem>>(new Set());
  const [note, setNote] = useState('');
  const command = useCommand();
  const { busy, error } = command;
  const labels = itemLabels(t);
  const complete = DOCUMENT_ITEMS.every((i) => items.has(i));

  const toggle = (item: DocumentItem) => {
    const next = new Set(items);
    if (next.has(item)) next.delete(item);
    else next.add(item);
    setItems(next);
  };

  const submit = async () => {
    const request = {
      applicationId: child.applicationId,
      items: [...items],
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await command.run(() => api['school.receiveDocuments'](request))) onDone();
  };

  return (
    <form
      className="receive-panel"
      data-testid="receive-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>{t('documents.checklistFor', { name: child.childName })}</legend>
        {DOCUMENT_ITEMS.map((item) => (
          <label key={item} className="check">
            <input
              type="checkbox"
              checked={items.has(item)}
              onChange={() => toggle(item)}
              data-item={item}
            />
            {labels[item]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('documents.note')}</span>
        <input
          className="input"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          data-testid="receive-note"
        />
      </label>
      {!complete && <p className="muted small">{t('documents.allFive')}</p>}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="receive-error">
          {describeError(t, error)}
          {error.reason === 'privilege_pending' && (
            <>
              {' '}
              <a href="#/privileges" data-testid="to-privileges">
                {t('documents.toPrivileges')}
              </a>
            </>
          )}
        </div>
      )}
      <div className="row-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!complete || busy}
          data-testid="receive-submit"
        >
          {t('documents.receive')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('documents.cancel')}
        </button>
      </div>
    </form>
  );
}
