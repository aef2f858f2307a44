// The DEMO marker: a made-up district must never be mistaken for a real one, so
// every screen (sign-in included) carries both a badge and a banner.
import { useTranslation } from 'react-i18next';

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="demo-badge" data-testid="demo-badge">
      {t('demo.badge')}
    </span>
  );
}

export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      {t('demo.banner')}
    </div>
  );
}
