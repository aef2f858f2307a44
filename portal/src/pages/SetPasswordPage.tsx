import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LinkInfo, MIN_PASSWORD_LENGTH } from '../../../shared/portal/contract';
import { formatDateTime } from '../../../renderer/src/i18n/formatting';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { ApiError } from '../api/http';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeError, describeField } from '../ui/describe';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { useForm } from '../ui/useForm';
import type { FieldErrors } from '../ui/validate';

/** The page an e-mailed link opens, for a new account and for a reset alike. */
export function SetPasswordPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const { setSession } = useSession();
  const [link, setLink] = useState<LinkInfo | null | undefined>(undefined);
  const [linkError, setLinkError] = useState<string | null>(null);
  const f = useForm({ password: '', confirm: '' });

  useEffect(() => {
    if (token.length < 20) {
      setLink(null);
      return;
    }
    portalApi.linkInfo(token).then(setLink, (e) => {
      setLink(null);
      if (!(e instanceof ApiError && e.code === 'link_invalid')) {
        setLinkError(describeError(t, e, i18n.language));
      }
    });
    // The token is the page's identity; the language may change while it is open.
  }, [token]);

  const onSubmit = f.submit(
    () => {
      const errs: FieldErrors = {};
      if (f.values.password === '') errs.password = 'required';
      else if (f.values.password.length < MIN_PASSWORD_LENGTH) errs.password = 'too_short';
      if (f.values.confirm !== f.values.password) errs.confirm = 'mismatch';
      return errs;
    },
    async () => {
      const session = await portalApi.setPassword({ token, password: f.values.password });
      setSession(session);
      navigate('/cabinet');
    },
  );

  if (link === undefined) return <Loading />;
  if (link === null) {
    return (
      <Page title={t('setPassword.invalidTitle')}>
        <Alert kind="error">{linkError ?? t('error.link_invalid')}</Alert>
        <p>
          <Link href="/forgot-password">{t('setPassword.newLink')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t(link.purpose === 'reset' ? 'setPassword.resetTitle' : 'setPassword.title')}>
      <p>
        {t('setPassword.for', {
          email: link.email,
          date: formatDateTime(link.expiresAt, i18n.language),
        })}
      </p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field
          label={t('field.newPassword')}
          hint={t('field.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          type="password"
          autoComplete="new-password"
          required
          error={describeField(t, 'password', f.errors.password)}
          {...f.bind('password')}
        />
        <Field
          label={t('field.confirmPassword')}
          type="password"
          autoComplete="new-password"
          required
          error={describeField(t, 'confirm', f.errors.confirm)}
          {...f.bind('confirm')}
        />
        <button type="submit" disabled={f.submitting}>
          {t('setPassword.submit')}
        </button>
      </form>
    </Page>
  );
}
