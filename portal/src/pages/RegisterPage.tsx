import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegisterRequest } from '../../../shared/portal/contract';
import { isLanguage } from '../../../renderer/src/i18n/languages';
import { Link } from '../app/Link';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeField } from '../ui/describe';
import { Field } from '../ui/Field';
import { Page } from '../ui/Page';
import { useForm } from '../ui/useForm';
import { check, withoutEmpty } from '../ui/validate';

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const f = useForm({ pin: '', email: '', phone: '', telegram: '', email2: '' });
  const body = () => ({
    ...withoutEmpty(f.values),
    language: isLanguage(i18n.language) ? i18n.language : 'ky',
  });
  const onSubmit = f.submit(
    () => {
      const r = check(RegisterRequest, body());
      return r.ok ? {} : r.errors;
    },
    async () => {
      const r = check(RegisterRequest, body());
      if (!r.ok) return;
      await portalApi.register(r.value);
      setSentTo(r.value.email);
    },
  );
  if (sentTo !== null) {
    return (
      <Page title={t('register.sentTitle')}>
        <Alert kind="success">{t('register.sent', { email: sentTo })}</Alert>
        <p>{t('register.whyLink')}</p>
        <p>
          <Link href="/sign-in">{t('register.toSignIn')}</Link>
        </p>
      </Page>
    );
  }
  const field = (name: 'pin' | 'email' | 'phone' | 'telegram' | 'email2') =>
    describeField(t, name, f.errors[name]);
  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field
          label={t('field.ownPin')}
          hint={t('field.pinHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          required
          error={field('pin')}
          {...f.bind('pin')}
        />
        <Field
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          error={field('email')}
          {...f.bind('email')}
        />
        <Field
          label={t('field.phone')}
          hint={t('field.phoneHint')}
          type="tel"
          autoComplete="tel"
          required
          error={field('phone')}
          {...f.bind('phone')}
        />
        <Field
          label={t('field.telegramOptional')}
          hint={t('field.telegramHint')}
          autoComplete="off"
          error={field('telegram')}
          {...f.bind('telegram')}
        />
        <Field
          label={t('field.email2Optional')}
          type="email"
          autoComplete="off"
          error={field('email2')}
          {...f.bind('email2')}
        />
        <button type="submit" disabled={f.submitting}>
          {t('register.submit')}
        </button>
      </form>
      <p>
        <Link href="/sign-in">{t('register.haveAccount')}</Link>
      </p>
    </Page>
  );
}
