// R7: in stage 2 a placed child moves to a stream with a free seat; on failure it keeps
// its place, and the page says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeError, describeField } from '../ui/describe';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { type Pick, SchoolPicker } from '../ui/SchoolPicker';
import { useForm } from '../ui/useForm';
import { useLoad } from '../ui/useLoad';
import type { FieldErrors } from '../ui/validate';

export function TransferPage({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation();
  const { data: view, error } = useLoad(
    () => portalApi.application(applicationId),
    [applicationId],
  );
  const [pick, setPick] = useState<Pick | null>(null);
  const f = useForm({});
  if (error) {
    return (
      <Page title={t('transfer.title')}>
        <Alert kind="error">{describeError(t, error, i18n.language)}</Alert>
      </Page>
    );
  }
  if (!view) return <Loading />;
  const back = `/applications/${encodeURIComponent(applicationId)}`;
  if (!view.canTransfer) {
    return (
      <Page title={t('transfer.title')}>
        <Alert kind="info">{t('transfer.notNow')}</Alert>
        <Link href={back}>{t('transfer.back')}</Link>
      </Page>
    );
  }
  const onSubmit = f.submit(
    (): FieldErrors => (pick ? {} : { stream: 'required' }),
    async () => {
      if (!pick) return;
      await portalApi.transfer(applicationId, { schoolId: pick.schoolId, language: pick.language });
      navigate(back);
    },
  );
  return (
    <Page title={t('transfer.title')}>
      <p>{t('transfer.intro', { school: view.schoolName })}</p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && (
          <Alert kind="error">
            {f.formError} {t('transfer.kept')}
          </Alert>
        )}
        <SchoolPicker
          childPin={view.childPin}
          value={pick}
          onChange={setPick}
          freeOnly
          error={describeField(t, 'stream', f.errors.stream)}
        />
        <button type="submit" disabled={f.submitting}>
          {t('transfer.submit')}
        </button>{' '}
        <Link href={back}>{t('common.cancel')}</Link>
      </form>
    </Page>
  );
}
