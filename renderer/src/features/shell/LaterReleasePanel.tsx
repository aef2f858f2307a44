import { useTranslation } from 'react-i18next';

/** The honest placeholder for a screen issue 4 or 5 delivers: says so, promises nothing else. */
export function LaterReleasePanel({ section }: { section: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel later" data-testid="later-release">
      <h2>{t('later.title')}</h2>
      <p className="muted">{t('later.body', { section })}</p>
    </section>
  );
}
