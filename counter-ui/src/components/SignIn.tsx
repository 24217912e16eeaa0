import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure } from '../api/client.js';
import { signIn, type StoredSession } from '../api/session.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from './ErrorSummary.js';
import { LanguageSwitch } from './AppHeader.js';
import { BusyButton } from './BusyButton.js';

/** Username and password; a wrong answer says so plainly and stores nothing. */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn(s: StoredSession): void }) {
  const { t } = useI18n();
  useTitle(t('signIn.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      setPassword('');
      if (err instanceof ApiFailure && err.code === 'unauthorized') setError(t('signIn.wrong'));
      else if (err instanceof ApiFailure && err.code === 'directory_unavailable') setError(t('signIn.directoryDown'));
      else if (err instanceof ApiFailure && err.code === 'forbidden') setError(t('signIn.unmapped'));
      else if (err instanceof ApiFailure && err.code === 'network') setError(t('error.network'));
      else setError(err instanceof Error ? err.message : t('error.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <header className="app-header">
        <p className="app-header__name">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main id="main">
        <ErrorSummary message={error} />
        {notice && !error ? <p className="notice">{notice}</p> : null}
        <h1>{t('signIn.title')}</h1>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor="username">{t('signIn.username')}</label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-describedby={error ? 'sign-in-error' : undefined}
              autoFocus
            />
          </div>
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor="password">{t('signIn.password')}</label>
            {error ? (
              <p id="sign-in-error" className="error-message">
                <span className="visually-hidden">{t('error.prefix')} </span>
                {error}
              </p>
            ) : null}
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          <BusyButton type="submit" className="button" busy={busy}>
            {t('signIn.submit')}
          </BusyButton>
        </form>
      </main>
    </div>
  );
}
