// Path -> page. Pages behind the session send a visitor to sign in and back afterwards.
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AddChildPage } from '../pages/AddChildPage';
import { ApplyPage } from '../pages/ApplyPage';
import { CabinetPage } from '../pages/CabinetPage';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { RegisterPage } from '../pages/RegisterPage';
import { SetPasswordPage } from '../pages/SetPasswordPage';
import { SignInPage } from '../pages/SignInPage';
import { StatusPage } from '../pages/StatusPage';
import { TransferPage } from '../pages/TransferPage';
import { Loading } from '../ui/Loading';
import { matchPath, navigate, useLocation } from './router';
import { useSession } from './session';

/** The paths an e-mailed link may open: the set-password page reads the token's purpose. */
export const LINK_PATHS = ['/password', '/set-password', '/reset-password', '/confirm'];

export function Routes() {
  const { path, query } = useLocation();
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  if (LINK_PATHS.includes(path)) return <SetPasswordPage token={query.get('token') ?? ''} />;
  switch (path) {
    case '/':
      return session ? <Redirect to="/cabinet" /> : <SignInPage />;
    case '/sign-in':
      return session ? <Redirect to="/cabinet" /> : <SignInPage />;
    case '/register':
      return <RegisterPage />;
    case '/forgot':
    case '/forgot-password':
      return <ForgotPasswordPage />;
  }
  const page = signedInPage(path);
  if (!page) return <NotFoundPage />;
  if (!session) return <Redirect to={`/sign-in?next=${encodeURIComponent(path)}`} />;
  return page;
}

/** The pages behind the session, or null for a path that is none of them. */
function signedInPage(path: string): ReactNode {
  if (path === '/cabinet') return <CabinetPage />;
  if (path === '/children/add') return <AddChildPage />;
  let m = matchPath('/children/:pin/apply', path);
  if (m) return <ApplyPage childPin={m.pin} />;
  m = matchPath('/applications/:id/transfer', path);
  if (m) return <TransferPage applicationId={m.id} />;
  m = matchPath('/applications/:id', path);
  if (m) return <StatusPage applicationId={m.id} />;
  return null;
}

function Redirect({ to }: { to: string }): ReactNode {
  const { t } = useTranslation();
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <p>{t('common.loading')}</p>;
}
