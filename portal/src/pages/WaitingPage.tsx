// The calm page for 429/503 (issue 11): nothing is lost, the phone tries again by itself
// when the server said it may, and the parent can see how long that is.
import { useTranslation } from 'react-i18next';
import type { BusyState } from '../api/busy';
import { useCountdown } from '../ui/useCountdown';
import { Page } from '../ui/Page';

export function WaitingPage({ busy }: { busy: BusyState }) {
  const { t } = useTranslation();
  const left = Math.ceil(useCountdown(busy.retryAt) / 1000);
  return (
    <Page title={t('waiting.title')}>
      <div className="waiting" data-testid="waiting-page">
        <p>{t('waiting.body')}</p>
        <p>{t('waiting.kept')}</p>
        <p role="status" aria-live="polite" className="waiting-count">
          {left > 0 ? t('waiting.retryIn', { count: left }) : t('waiting.retrying')}
        </p>
        <button type="button" className="secondary" onClick={busy.tryNow}>
          {t('waiting.tryNow')}
        </button>
      </div>
    </Page>
  );
}
