import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ApiError } from '@vuoro/server/protocol';
import { useI18n } from './i18n/i18n.js';
import type { StoredSession } from './api/session.js';
import { useQueueSocket } from './hooks/useQueueSocket.js';
import { useHashRoute } from './hooks/useHashRoute.js';
import { AppHeader } from './components/AppHeader.js';
import { OpenCounter } from './components/OpenCounter.js';
import { Workspace } from './components/Workspace.js';
import { SupervisorView } from './supervisor/SupervisorView.js';
import { useTitle } from './hooks/useTitle.js';
import { ConnectedContext } from './hooks/connection.js';

const COUNTER_KEY = 'vuoro.counter.counterId';

// The back office (charts, forms) loads only when a supervisor or admin opens it: the counter screen stays small.
const StatisticsView = lazy(() => import('./stats/StatisticsView.js').then((m) => ({ default: m.StatisticsView })));
const KnowledgeReview = lazy(() => import('./knowledge/KnowledgeReview.js').then((m) => ({ default: m.KnowledgeReview })));
const AppointmentsView = lazy(() => import('./appointments/AppointmentsView.js').then((m) => ({ default: m.AppointmentsView })));
const AdminView = lazy(() => import('./admin/AdminView.js').then((m) => ({ default: m.AdminView })));

interface Props {
  session: StoredSession;
  onExpired(): void;
  onSignOut(): Promise<void>;
}

/** Signed in: the live hall picture, the counter workflow and, for supervisors, the supervisor view. */
export function StaffApp({ session, onExpired, onSignOut }: Props) {
  const { t } = useI18n();
  const onUnauthorized = useCallback((_e: ApiError) => onExpired(), [onExpired]);
  const q = useQueueSocket(session.token, onUnauthorized);
  // The sign-in lasts a working day at most; when it runs out, ask again rather than fail on the next action.
  useEffect(() => {
    const id = window.setTimeout(onExpired, Math.max(0, Math.min(session.expiresAt - Date.now(), 2_000_000_000)));
    return () => window.clearTimeout(id);
  }, [session.expiresAt, onExpired]);
  const [route, go] = useHashRoute();
  const [counterId, setCounterIdState] = useState<string | null>(() => sessionStorage.getItem(COUNTER_KEY));
  const setCounterId = useCallback((id: string | null) => {
    if (id === null) sessionStorage.removeItem(COUNTER_KEY);
    else sessionStorage.setItem(COUNTER_KEY, id);
    setCounterIdState(id);
  }, []);

  const snap = q.snapshot;
  const mine = snap?.counters.find((c) => c.id === counterId && c.open && c.staff?.userId === session.user.id) ?? null;
  const takenOver = q.takenOver;

  let body;
  if (!snap) {
    body = <Loading connected={q.connected} retrying={q.retrying} />;
  } else if (route === 'supervisor') {
    body = <SupervisorView snapshot={snap} session={session} clockOffset={q.clockOffset} onExpired={onExpired} />;
  } else if (route === 'statistics') {
    body = (
      <Suspense fallback={<Loading connected={q.connected} retrying={q.retrying} />}>
        <StatisticsView snapshot={snap} session={session} onExpired={onExpired} />
      </Suspense>
    );
  } else if (route === 'knowledge') {
    body = (
      <Suspense fallback={<Loading connected={q.connected} retrying={q.retrying} />}>
        <KnowledgeReview session={session} snapshot={snap} onExpired={onExpired} />
      </Suspense>
    );
  } else if (route === 'appointments') {
    body = (
      <Suspense fallback={<Loading connected={q.connected} retrying={q.retrying} />}>
        <AppointmentsView snapshot={snap} session={session} onExpired={onExpired} />
      </Suspense>
    );
  } else if (route === 'admin') {
    body = (
      <Suspense fallback={<Loading connected={q.connected} retrying={q.retrying} />}>
        <AdminView snapshot={snap} session={session} onExpired={onExpired} />
      </Suspense>
    );
  } else if (mine) {
    body = (
      <Workspace
        key={mine.id}
        snapshot={snap}
        counter={mine}
        session={session}
        clockOffset={q.clockOffset}
        patchTicket={q.patchTicket}
        patchCounter={q.patchCounter}
        onExpired={onExpired}
        onClosed={() => setCounterId(null)}
      />
    );
  } else {
    body = (
      <OpenCounter
        snapshot={snap}
        session={session}
        takenOver={takenOver}
        onDismissTakenOver={q.clearTakenOver}
        onOpened={(c) => {
          q.clearTakenOver();
          q.patchCounter(c);
          setCounterId(c.id);
        }}
        onExpired={onExpired}
      />
    );
  }

  return (
    <div className={`page${mine?.roaming && route === 'counter' ? ' page--roaming' : ''}${mine && route === 'counter' ? ' page--workspace' : ''}`}>
      <AppHeader
        session={session}
        snapshot={snap}
        counter={route === 'counter' ? mine : null}
        connected={q.connected}
        route={route}
        onRoute={go}
        onSignOut={() => void onSignOut()}
      />
      {!q.connected && snap ? (
        <p className="banner banner--warning" role="alert">
          {t('connection.lost')}
        </p>
      ) : q.retrying && snap ? (
        <p className="banner banner--warning" role="status">
          {t('connection.retrying')}
        </p>
      ) : null}
      <ConnectedContext.Provider value={q.connected}>{body}</ConnectedContext.Provider>
    </div>
  );
}

function Loading({ connected, retrying }: { connected: boolean; retrying: boolean }) {
  const { t } = useI18n();
  useTitle(t('loading.title'));
  return (
    <main id="main">
      <h1>{t('loading.title')}</h1>
      <p role="status">{!connected ? t('loading.connecting') : retrying ? t('loading.retrying') : t('loading.joining')}</p>
    </main>
  );
}
