import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { describeError } from '../../i18n/describeError';
import { Alert } from '../../ui/Alert';
import { DemoBadge, DemoBanner } from '../../ui/DemoMarker';
import { useSession } from './SessionContext';

type Problem =
  { kind: 'required' } | { kind: 'credentials' } | { kind: 'other'; text: string } | null;

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const isDemo = session.store?.kind === 'demo';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem({ kind: 'required' });
      return;
    }
    setBusy(true);
    setProblem(null);
    const error = await session.signIn(username.trim(), password);
    setBusy(false);
    if (!error) return;
    setPassword('');
    // Main answers a wrong name or password with one code for both, on purpose:
    // saying which one was wrong would help someone guessing accounts.
    setProblem(
      error.code === 'unauthenticated'
        ? { kind: 'credentials' }
        : { kind: 'other', text: describeError(t, error) },
    );
  }

  // Kept as a kind, not a sentence, so switching language re-translates a shown error.
  const message =
    problem?.kind === 'required'
      ? t('auth.required')
      : problem?.kind === 'credentials'
        ? t('auth.invalidCredentials')
        : problem?.kind === 'other'
          ? problem.text
          : session.ended
            ? t('error.unauthenticated')
            : null;

  return (
    <div className="signin-page">
      {isDemo && <DemoBanner />}
      <main className="signin">
        <form className="signin-card" onSubmit={submit} noValidate aria-labelledby="signin-title">
          <div className="signin-brand">
            <span className="logo" aria-hidden="true">
              K
            </span>
            <div>
              <h1>{t('app.name')}</h1>
              <div className="muted">{t('app.tagline')}</div>
            </div>
            <span className="header-spacer" />
            {isDemo && <DemoBadge />}
          </div>
          <p className="signin-district">{session.store?.districtName || t('auth.subtitle')}</p>
          <h2 id="signin-title">{t('auth.title')}</h2>
          {message && (
            <Alert tone={problem ? 'error' : 'info'} testId="signin-error">
              {message}
            </Alert>
          )}
          <div className="field">
            <label htmlFor="username">{t('auth.username')}</label>
            <input
              id="username"
              name="username"
              className="input"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t('auth.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              className="input"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
          <div className="signin-lang">
            <LanguageSwitcher />
          </div>
          {isDemo && <p className="signin-footer">{t('auth.demoHint')}</p>}
        </form>
      </main>
    </div>
  );
}
