// Add a child by PIN: the state registry answers with the birth date and address, and
// confirms the guardianship; the parent types nothing else.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddChildRequest, type ChildView } from '../../../shared/portal/contract';
import { formatDate } from '../../../renderer/src/i18n/formatting';
import { Link } from '../app/Link';
import { ApiError } from '../api/http';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeField } from '../ui/describe';
import { Field } from '../ui/Field';
import { Page } from '../ui/Page';
import { useForm } from '../ui/useForm';
import { check } from '../ui/validate';

/** Refusals that only the district commission can resolve: the page says so and where to go. */
const TO_COMMISSION = ['age_out_of_range', 'not_guardian', 'child_not_found'];

export function AddChildPage() {
  const { t, i18n } = useTranslation();
  const [added, setAdded] = useState<ChildView | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const f = useForm({ pin: '' });
  const onSubmit = f.submit(
    () => {
      setRefusal(null);
      const r = check(AddChildRequest, f.values);
      return r.ok ? {} : r.errors;
    },
    async () => {
      try {
        setAdded(await portalApi.addChild({ pin: f.values.pin.trim() }));
      } catch (e) {
        if (e instanceof ApiError && TO_COMMISSION.includes(e.code)) setRefusal(e.code);
        else throw e;
      }
    },
  );

  if (added) {
    const name = [added.lastName, added.firstName, added.patronymic].filter(Boolean).join(' ');
    return (
      <Page title={t('addChild.addedTitle')}>
        <Alert kind="success">{t('addChild.added', { name })}</Alert>
        <dl className="facts">
          <dt>{t('child.birthDate')}</dt>
          <dd>{formatDate(added.birthDate, i18n.language)}</dd>
          <dt>{t('child.address')}</dt>
          <dd>{added.address ?? t('child.addressPending')}</dd>
        </dl>
        <p className="note">{t('addChild.fromRegistry')}</p>
        {added.eligible ? (
          <Link className="button" href={`/children/${encodeURIComponent(added.pin)}/apply`}>
            {t('cabinet.apply')}
          </Link>
        ) : (
          <p>{t('child.notEligible')}</p>
        )}
        <p>
          <Link href="/cabinet">{t('common.toCabinet')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('addChild.title')}>
      <p>{t('addChild.intro')}</p>
      {refusal && (
        <div className="alert alert-error" role="alert" data-testid="add-child-refusal">
          <p>{t(`addChild.refusal.${refusal}`)}</p>
          <p>{t('addChild.commission')}</p>
        </div>
      )}
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field
          label={t('field.childPin')}
          hint={t('field.pinHint')}
          inputMode="numeric"
          autoComplete="off"
          required
          error={describeField(t, 'childPin', f.errors.pin)}
          {...f.bind('pin')}
        />
        <button type="submit" disabled={f.submitting}>
          {t('addChild.submit')}
        </button>
      </form>
    </Page>
  );
}
