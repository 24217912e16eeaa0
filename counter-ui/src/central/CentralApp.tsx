import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { localize, type CatalogueEntry, type CentralHallView, type CentralSummary, type HallFigures } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure, request } from '../api/client.js';
import type { StoredSession } from '../api/session.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { LanguageSwitch } from '../components/AppHeader.js';
import { CsvLink } from '../stats/CsvLink.js';
import { CentralLive } from './CentralLive.js';
import { minutesText, percentText, ratingText } from '../stats/figureText.js';

interface Props {
  session: StoredSession;
  onExpired(): void;
  onSignOut(): Promise<void>;
}

/** Refreshes the comparison while it is open, so the halls' shipped figures show up live. */
const REFRESH_MS = 30_000;

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The central server's back office: every hall that ships to it, side by side, for a chosen period. */
export function CentralApp({ session, onExpired, onSignOut }: Props) {
  const { t, language } = useI18n();
  useTitle(t('central.title'));
  const today = isoDay(new Date());
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [applied, setApplied] = useState({ from, to });
  const [summary, setSummary] = useState<CentralSummary | null>(null);
  const [halls, setHalls] = useState<CentralHallView[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const query = `?from=${applied.from}&to=${applied.to}`;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [s, h, c] = await Promise.all([
        request<CentralSummary>('GET', `/stats/summary${query}`, session.token),
        request<CentralHallView[]>('GET', '/central/halls', session.token),
        request<CatalogueEntry[]>('GET', '/central/catalogue', session.token),
      ]);
      setSummary(s);
      setHalls(h);
      setCatalogue(c);
      setError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') return onExpired();
      setError(err instanceof ApiFailure && err.code !== 'network' ? err.message : t('error.network'));
    } finally {
      setLoading(false);
    }
  }, [query, session.token, onExpired, t]);

  useEffect(() => {
    void load();
    const id = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(id);
  }, [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ from, to });
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
        <form className="inline-form" onSubmit={submit} aria-label={t('stats.filters')}>
          <div className="field">
            <label htmlFor="central-from">{t('stats.from')}</label>
            <input id="central-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="central-to">{t('stats.to')}</label>
            <input id="central-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" className="button">
            {t('stats.apply')}
          </button>
        </form>
        <p role="status" className="stats-status" data-testid="central-status">
          {loading ? t('stats.loading') : summary ? t('stats.showing', { from: summary.from, to: summary.to }) : ''}
        </p>
        {summary ? (
          <section className="panel" aria-labelledby="central-halls-title">
            <h2 id="central-halls-title">{t('central.byHall', { from: summary.from, to: summary.to })}</h2>
            <div className="table-wrap">
              <table className="table" data-testid="central-by-hall">
                <caption>{t('central.byHallCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('central.hall')}</th>
                    <th scope="col">{t('stats.visits')}</th>
                    <th scope="col">{t('stats.meanWait')}</th>
                    <th scope="col">{t('stats.serviceLevel')}</th>
                    <th scope="col">{t('stats.noShowRate')}</th>
                    <th scope="col">{t('stats.abandonment')}</th>
                    <th scope="col">{t('stats.meanRating')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byHall.length === 0 ? (
                    <tr>
                      <td colSpan={7}>{t('central.noFigures')}</td>
                    </tr>
                  ) : (
                    [...summary.byHall, { ...summary.totals, hallId: '', hallName: t('central.allHalls') } satisfies HallFigures].map((h) => (
                      <tr key={h.hallId || 'all'} data-hall={h.hallId || 'all'}>
                        <th scope="row">{h.hallName}</th>
                        <td data-figure="visits">{h.visits.toLocaleString(language)}</td>
                        <td data-figure="meanWait">{minutesText(t, language, h.meanWaitMs)}</td>
                        <td data-figure="serviceLevel">{percentText(t, language, h.serviceLevel)}</td>
                        <td data-figure="noShowRate">{percentText(t, language, h.noShowRate)}</td>
                        <td data-figure="abandonment">{percentText(t, language, h.abandonmentRate)}</td>
                        <td data-figure="meanRating">{ratingText(t, language, h.meanRating)}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            <div className="table-wrap">
              <table className="table" data-testid="central-by-hall-service">
                <caption>{t('central.levelCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('central.hall')}</th>
                    <th scope="col">{t('stats.service')}</th>
                    <th scope="col">{t('stats.visits')}</th>
                    <th scope="col">{t('stats.meanWait')}</th>
                    <th scope="col">{t('stats.serviceLevel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byHallService.map((c) => (
                    <tr key={`${c.hallId}/${c.serviceId}`}>
                      <th scope="row">{hallName(c.hallId)}</th>
                      <td>{c.serviceId}</td>
                      <td>{c.visits.toLocaleString(language)}</td>
                      <td>{minutesText(t, language, c.meanWaitMs)}</td>
                      <td>{percentText(t, language, c.serviceLevel)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CsvLink path={`/stats/summary${query}`} token={session.token} table={t('central.byHallCaption')} fileName="central-summary.csv" />
          </section>
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
        <section className="panel" aria-labelledby="central-catalogue-title">
          <h2 id="central-catalogue-title">{t('central.catalogue')}</h2>
          <p>{t('central.catalogueHint')}</p>
          {catalogue.length === 0 ? (
            <p>{t('central.catalogueEmpty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="central-catalogue">
                <caption className="visually-hidden">{t('central.catalogue')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('central.catalogueEntry')}</th>
                    <th scope="col">{t('central.catalogueName')}</th>
                    <th scope="col">{t('central.catalogueTarget')}</th>
                    <th scope="col">{t('central.catalogueVersion')}</th>
                  </tr>
                </thead>
                <tbody>
                  {catalogue.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">{e.id}</th>
                      <td>{localize(e.name, language)}</td>
                      <td>{t('stats.minutes', { n: e.targetMinutes.toLocaleString(language) })}</td>
                      <td>{e.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
