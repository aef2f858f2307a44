import { useTranslation } from 'react-i18next';
import { SignInRequest } from '../../../shared/portal/contract';
import { Link } from '../app/Link';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeField } from '../ui/describe';
import { Field } from '../ui/Field';
import { Page } from '../ui/Page';
import { useForm } from '../ui/useForm';
import { check } from '../ui/validate';

/** Only a path of this site: `next` comes from the address bar and must not lead elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/cabinet';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const { setSession } = useSession();
  const f = useForm({ login: '', password: '' });
  const onSubmit = f.submit(
    () => {
      const r = check(SignInRequest, f.values);
      return r.ok ? {} : r.errors;
    },
    async () => {
      const session = await portalApi.signIn(f.values);
      setSession(session);
      navigate(safeNext(query.get('next')));
    },
  );
  return (
    <Page title={t('signIn.title')}>
      <p>{t('signIn.intro')}</p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field
          label={t('field.login')}
          hint={t('field.loginHint')}
          autoComplete="username"
          error={describeField(t, 'login', f.errors.login)}
          {...f.bind('login')}
        />
        <Field
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          error={describeField(t, 'password', f.errors.password)}
          {...f.bind('password')}
        />
        <button type="submit" disabled={f.submitting}>
          {t('signIn.submit')}
        </button>
      </form>
      <ul className="links">
        <li>
          <Link href="/register">{t('signIn.toRegister')}</Link>
        </li>
        <li>
          <Link href="/forgot-password">{t('signIn.toForgot')}</Link>
        </li>
      </ul>
    </Page>
  );
}
