// The frame of every page: skip link, header (name, language, sign-out), the page for the
// current path, or the waiting page while the server asks the phone to wait.
import { useTranslation } from 'react-i18next';
import { useBusy } from '../api/busy';
import { portalApi } from '../api/portal';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { WaitingPage } from '../pages/WaitingPage';
import { Link } from './Link';
import { navigate, useLocation } from './router';
import { Routes } from './Routes';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <SessionProvider>
      <Frame />
    </SessionProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const busy = useBusy();
  const location = useLocation();
  const { session, setSession } = useSession();
  const signOut = async () => {
    try {
      await portalApi.signOut();
    } finally {
      setSession(null);
      navigate('/sign-in');
    }
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <Link href={session ? '/cabinet' : '/'} className="brand">
          {t('app.name')}
        </Link>
        <LanguageSwitcher />
        {session && (
          <nav aria-label={t('nav.label')}>
            <Link href="/cabinet" aria-current={location.path === '/cabinet' ? 'page' : undefined}>
              {t('nav.cabinet')}
            </Link>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {/* The page stays mounted under the waiting page: its request is the one being retried. */}
        {busy && <WaitingPage busy={busy} />}
        <div hidden={busy !== null}>
          <Routes />
        </div>
      </main>
      <footer className="bottom">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
