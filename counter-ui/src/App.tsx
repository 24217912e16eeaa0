import { useCallback, useState } from 'react';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { LiveAnnouncerProvider } from './components/LiveAnnouncer.js';
import { SignIn } from './components/SignIn.js';
import { StaffApp } from './StaffApp.js';
import { forgetSession, loadSession, signOut, type StoredSession } from './api/session.js';

/** Signed out: the sign-in screen. Signed in: the staff app, which keeps the live hall picture. */
function Root() {
  const { t } = useI18n();
  const [session, setSession] = useState<StoredSession | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const expired = useCallback(() => {
    forgetSession();
    setSession(null);
    setNotice(t('signIn.expired'));
  }, [t]);

  const leave = useCallback(async () => {
    if (session) await signOut(session.token);
    setSession(null);
    setNotice(t('signIn.signedOut'));
  }, [session, t]);

  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          setNotice(null);
          setSession(s);
        }}
      />
    );
  }
  return <StaffApp session={session} onExpired={expired} onSignOut={leave} />;
}

export function App() {
  return (
    <I18nProvider>
      <LiveAnnouncerProvider>
        <Root />
      </LiveAnnouncerProvider>
    </I18nProvider>
  );
}
