// First start: open the demo district or start a real one. The two stores never
// mix (main keeps them apart); this page only asks which one to open.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Req } from '../../bridge';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { describeError } from '../../i18n/describeError';
import { Alert } from '../../ui/Alert';
import { useSession } from '../auth/SessionContext';

export function SetupPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [realExists, setRealExists] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [districtName, setDistrictName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    void api['setup.get']({}).then((r) => r.ok && setRealExists(r.value.realExists));
  }, []);

  async function choose(request: Req<'setup.choose'>) {
    setBusy(true);
    setError(null);
    const result = await api['setup.choose'](request);
    setBusy(false);
    if (!result.ok) {
      setError(describeError(t, result.error));
      return;
    }
    await refresh();
  }

  function submitReal(event: FormEvent) {
    event.preventDefault();
    if (!districtName.trim() || !username.trim() || !displayName.trim() || !password) {
      setError(t('setup.fillAll'));
      return;
    }
    if (password.length < 8) {
      setError(t('setup.passwordTooShort'));
      return;
    }
    void choose({
      mode: 'create',
      districtName: districtName.trim(),
      officer: { username: username.trim(), displayName: displayName.trim(), password },
    });
  }

  return (
    <main className="setup" data-testid="setup-page">
      <div className="setup-head">
        <span className="logo" aria-hidden="true">
          K
        </span>
        <div>
          <h1>{t('setup.title')}</h1>
          <div className="muted">{t('setup.intro')}</div>
        </div>
        <span className="header-spacer" />
        <LanguageSwitcher />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="setup-options">
        <section className="panel setup-option">
          <h2>{t('setup.demoTitle')}</h2>
          <p className="muted">{t('setup.demoBody')}</p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void choose({ mode: 'demo' })}
          >
            {t('setup.openDemo')}
          </button>
        </section>
        {realExists ? (
          <section className="panel setup-option">
            <h2>{t('setup.openRealTitle')}</h2>
            <p className="muted">{t('setup.openRealBody')}</p>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void choose({ mode: 'real' })}
            >
              {t('setup.openReal')}
            </button>
          </section>
        ) : (
          <form className="panel setup-option" onSubmit={submitReal} noValidate>
            <h2>{t('setup.realTitle')}</h2>
            <p className="muted">{t('setup.realBody')}</p>
            <div className="field">
              <label htmlFor="setup-district">{t('setup.districtName')}</label>
              <input
                id="setup-district"
                className="input"
                value={districtName}
                onChange={(e) => setDistrictName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="setup-name">{t('setup.officerName')}</label>
              <input
                id="setup-name"
                className="input"
                autoComplete="name"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="setup-username">{t('setup.officerUsername')}</label>
              <input
                id="setup-username"
                className="input"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="setup-password">{t('setup.officerPassword')}</label>
              <input
                id="setup-password"
                type="password"
                className="input"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" className="btn" disabled={busy}>
              {t('setup.startReal')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
