import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { path } from '@vuoro/server/protocol/client';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { LiveAnnouncerProvider } from './components/LiveAnnouncer.js';
import { SignIn } from './components/SignIn.js';
import { StaffApp } from './StaffApp.js';
import { forgetSession, loadSession, signOut, type StoredSession } from './api/session.js';

// A central server (VUORO_MODE=central) serves this app too: its back office compares halls instead.
const CentralApp = lazy(() => import('./central/CentralApp.js').then((m) => ({ default: m.CentralApp })));

/** Whether this app is served by a central server: its /health says `mode: "central"`. */
function useCentralMode(): boolean | null {
  const [central, setCentral] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    fetch(path('health', {}))
      .then((r) => (r.ok ? (r.json() as Promise<{ mode?: string }>) : null))
      .then((h) => live && setCentral(h?.mode === 'central'))
      .catch(() => live && setCentral(false));
    return () => {
      live = false;
    };
  }, []);
  return central;
}

/** Signed out: the sign-in screen. Signed in: the staff app, which keeps the live hall picture. */
function Root() {
  const { t } = useI18n();
  const [session, setSession] = useState<StoredSession | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);
  const central = useCentralMode();

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
  if (central === null) return <p>{t('loading.title')}</p>;
  if (central) {
    return (
      <Suspense fallback={<p>{t('loading.title')}</p>}>
        <CentralApp session={session} onExpired={expired} onSignOut={leave} />
      </Suspense>
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
