import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-busy="true">
      {t('app.loading')}
    </div>
  );
}
