import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CatalogueEntry, CentralCounterTime, CentralFeedback as CentralFeedbackView, CentralHallView, CentralHeatmapCell, CentralSummary } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure, centralApi } from '../api/client.js';
import type { StoredSession } from '../api/session.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { LanguageSwitch } from '../components/AppHeader.js';
import { ArrivalsSection } from '../stats/ArrivalsSection.js';
import { CatalogueSection } from './CatalogueSection.js';
import { CentralComparison } from './CentralComparison.js';
import { CentralCounters } from './CentralCounters.js';
import { CentralFeedback } from './CentralFeedback.js';
import { CentralLive } from './CentralLive.js';

interface Props {
  session: StoredSession;
  onExpired(): void;
  onSignOut(): Promise<void>;
}

/** Refreshes the comparison while it is open, so the halls' shipped figures show up live. */
const REFRESH_MS = 30_000;

interface Figures {
  summary: CentralSummary;
  heatmap: CentralHeatmapCell[];
  feedback: CentralFeedbackView;
  counters: CentralCounterTime[];
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The central server's back office: every hall that ships to it, now and side by side for a chosen period. */
export function CentralApp({ session, onExpired, onSignOut }: Props) {
  const { t, language } = useI18n();
  useTitle(t('central.title'));
  const today = isoDay(new Date());
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [hall, setHall] = useState('');
  const [applied, setApplied] = useState({ from, to, hall });
  const [figures, setFigures] = useState<Figures | null>(null);
  const [halls, setHalls] = useState<CentralHallView[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  // The period for the halls side by side; the heatmap and counter time also follow the hall filter ('' = all halls).
  const query = useMemo(() => ({ from: applied.from, to: applied.to }), [applied.from, applied.to]);
  const hallQuery = useMemo(() => ({ ...query, hallId: applied.hall }), [query, applied.hall]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const token = session.token;
      const [summary, heatmap, feedback, counters, h, c] = await Promise.all([
        centralApi('statsSummary', token, { query }),
        centralApi('statsHeatmap', token, { query: hallQuery }),
        centralApi('statsFeedback', token, { query }),
        centralApi('statsCounters', token, { query: hallQuery }),
        centralApi('halls', token),
        centralApi('catalogue', token),
      ]);
      setFigures({ summary, heatmap, feedback, counters });
      setHalls(h);
      setCatalogue(c);
      setError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') return onExpired();
      setError(err instanceof ApiFailure && err.code !== 'network' ? err.message : t('error.network'));
    } finally {
      setLoading(false);
    }
  }, [query, hallQuery, session.token, onExpired, t]);

  useEffect(() => {
    void load();
    const id = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(id);
  }, [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ from, to, hall });
  };
  const hallName = (id: string) => halls.find((h) => h.id === id)?.name ?? id;

  return (
    <div className="page">
      <header className="app-header">
        <a className="skip-link" href="#main">
          {t('app.skip')}
        </a>
        <p className="app-header__name">{t('central.appName')}</p>
        <p className="app-header__user">{t('header.signedInAs', { name: session.user.displayName })}</p>
        <div className="app-header__settings">
          <LanguageSwitch />
          <button type="button" className="button button--secondary" onClick={() => void onSignOut()}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="statistics" aria-busy={loading}>
        <ErrorSummary message={error} />
        <h1>{t('central.title')}</h1>
        <p>{t('central.intro')}</p>
        <CentralLive token={session.token} onExpired={onExpired} />
        <h2>{t('central.period')}</h2>
        <form className="inline-form" onSubmit={submit} aria-label={t('stats.filters')}>
          <div className="field">
            <label htmlFor="central-from">{t('stats.from')}</label>
            <input id="central-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="central-to">{t('stats.to')}</label>
            <input id="central-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="central-hall">{t('central.hallFilter')}</label>
            <select id="central-hall" value={hall} onChange={(e) => setHall(e.target.value)}>
              <option value="">{t('central.allHalls')}</option>
              {halls.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('stats.apply')}
          </button>
        </form>
        <p role="status" className="stats-status" data-testid="central-status">
          {loading ? t('stats.loading') : figures ? t('stats.showing', { from: figures.summary.from, to: figures.summary.to }) : ''}
        </p>
        {figures ? (
          <>
            <CentralComparison summary={figures.summary} hallName={hallName} token={session.token} query={query} />
            <p className="hint" data-testid="central-heatmap-of">
              {t('central.heatmapOf', { hall: applied.hall === '' ? t('central.allHalls') : hallName(applied.hall) })}
            </p>
            <ArrivalsSection cells={figures.heatmap} token={session.token} query={{ from: applied.from, to: applied.to, hallId: applied.hall }} />
            <CentralCounters counters={figures.counters} hallName={hallName} token={session.token} query={hallQuery} />
            <CentralFeedback feedback={figures.feedback} token={session.token} query={query} />
          </>
        ) : null}
        <section className="panel" aria-labelledby="central-shipping-title">
          <h2 id="central-shipping-title">{t('central.halls')}</h2>
          <ul data-testid="central-halls">
            {halls.map((h) => (
              <li key={h.id}>
                {h.lastContactAt === null
                  ? t('central.neverShipped', { hall: h.name })
                  : t('central.lastContact', { hall: h.name, time: new Date(h.lastContactAt).toLocaleString(language), n: h.lastEventId.toLocaleString(language) })}
              </li>
            ))}
          </ul>
        </section>
        <CatalogueSection catalogue={catalogue} token={session.token} canEdit={session.user.role === 'admin'} onSaved={load} />
      </main>
    </div>
  );
}
