import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ForgotPasswordRequest } from '../../../shared/portal/contract';
import { Link } from '../app/Link';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeField } from '../ui/describe';
import { Field } from '../ui/Field';
import { Page } from '../ui/Page';
import { useForm } from '../ui/useForm';
import { check } from '../ui/validate';

/** The answer is the same whether or not an account matches: nobody learns who is registered. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const f = useForm({ pin: '', email: '' });
  const onSubmit = f.submit(
    () => {
      const r = check(ForgotPasswordRequest, f.values);
      return r.ok ? {} : r.errors;
    },
    async () => {
      const r = check(ForgotPasswordRequest, f.values);
      if (!r.ok) return;
      await portalApi.forgotPassword(r.value);
      setSent(true);
    },
  );
  if (sent) {
    return (
      <Page title={t('forgot.sentTitle')}>
        <Alert kind="success">{t('forgot.sent')}</Alert>
        <p>
          <Link href="/sign-in">{t('register.toSignIn')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('forgot.title')}>
      <p>{t('forgot.intro')}</p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field
          label={t('field.ownPin')}
          hint={t('field.pinHint')}
          inputMode="numeric"
          autoComplete="off"
          required
          error={describeField(t, 'pin', f.errors.pin)}
          {...f.bind('pin')}
        />
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          error={describeField(t, 'email', f.errors.email)}
          {...f.bind('email')}
        />
        <button type="submit" disabled={f.submitting}>
          {t('forgot.submit')}
        </button>
      </form>
    </Page>
  );
}
