// What the window shows: the first-start choice, the sign-in page, or the shell.
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describeError';
import { Alert } from '../ui/Alert';
import { Loading } from '../ui/Loading';
import { SessionProvider, useSession } from '../features/auth/SessionContext';
import { SignInPage } from '../features/auth/SignInPage';
import { SetupPage } from '../features/setup/SetupPage';
import { Shell } from '../features/shell/Shell';

export function App() {
  return (
    <SessionProvider>
      <Root />
    </SessionProvider>
  );
}

function Root() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.loading) return <Loading />;
  if (session.failure) {
    return (
      <main className="fatal">
        <section className="panel panel-body">
          <h1>{t('app.unavailableTitle')}</h1>
          <Alert tone="error">{describeError(t, session.failure)}</Alert>
          <button type="button" className="btn" onClick={() => void session.refresh()}>
            {t('app.retry')}
          </button>
        </section>
      </main>
    );
  }
  if (!session.storeChosen) return <SetupPage />;
  if (!session.user) return <SignInPage />;
  return <Shell user={session.user} store={session.store} />;
}
