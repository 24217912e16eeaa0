import { useEffect, useState } from 'react';
import { localize, type KnowledgeFiguresView, type StaffSnapshot } from '@vuoro/server/protocol';
import { api, ApiFailure } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { MissingTable } from './MissingTable.js';
import { CsvLink } from '../stats/CsvLink.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  from: string;
  to: string;
  onExpired(): void;
}

/** Statistics: first-contact resolution per service and week, the articles used most, and searches with no result. */
export function KnowledgeFiguresSection({ snapshot, token, from, to, onExpired }: Props) {
  const { t, language } = useI18n();
  const [figures, setFigures] = useState<KnowledgeFiguresView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api('knowledgeFigures', token, { query: { from, to } }).then(
      (f) => live && (setFigures(f), setError(null)),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
        setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [from, to, token, onExpired]);
  const service = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? `${s.prefix} – ${localize(s.name, language)}` : id;
  };
  const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)} %`);
  return (
    <section className="panel" aria-labelledby="stats-knowledge-title" data-testid="stats-knowledge">
      <h2 id="stats-knowledge-title">{t('kbstats.title')}</h2>
      {error ? <p role="alert">{error}</p> : null}
      {figures ? (
        <>
          <h3>{t('kbstats.resolution')}</h3>
          {figures.resolution.length === 0 ? (
            <p>{t('kbstats.none')}</p>
          ) : (
            <table className="table">
                <caption className="visually-hidden">{t('kbstats.resolution')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('review.weekColumn')}</th>
                    <th scope="col">{t('kbstats.service')}</th>
                    <th scope="col">{t('kbstats.finished')}</th>
                    <th scope="col">{t('kbstats.resolved')}</th>
                    <th scope="col">{t('kbstats.transferred')}</th>
                    <th scope="col">{t('kbstats.withArticle')}</th>
                    <th scope="col">{t('kbstats.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.resolution.map((r) => (
                    <tr key={`${r.week}-${r.serviceId}`}>
                      <td>{r.week}</td>
                      <td>{service(r.serviceId)}</td>
                      <td>{r.finished}</td>
                      <td>{r.resolvedFirstContact}</td>
                      <td>{r.transferredOrReferred}</td>
                      <td>{r.resolvedWithArticle}</td>
                      <td>{pct(r.rate)}</td>
                    </tr>
                  ))}
                </tbody>
            </table>
          )}
          <CsvLink url={path('knowledgeFigures', {}, { from, to, table: 'resolution' })} token={token} table={t('kbstats.resolution')} fileName={`knowledge-resolution-${from}-${to}.csv`} />
          <h3>{t('kbstats.articles')}</h3>
          {figures.articles.length === 0 ? (
            <p>{t('kbstats.none')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('kbstats.articles')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kbstats.article')}</th>
                  <th scope="col">{t('kbstats.opens')}</th>
                  <th scope="col">{t('kbstats.resolvedWith')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.articles.slice(0, 20).map((a) => (
                  <tr key={a.articleId}>
                    <td>{a.title}</td>
                    <td>{a.opens}</td>
                    <td>{a.resolved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <CsvLink url={path('knowledgeFigures', {}, { from, to, table: 'articles' })} token={token} table={t('kbstats.articles')} fileName={`knowledge-articles-${from}-${to}.csv`} />
          <h3>{t('review.missing')}</h3>
          {figures.missing.length === 0 ? (
            <p>{t('kbstats.none')}</p>
          ) : (
            <MissingTable missing={figures.missing} limit={20} />
          )}
          <CsvLink url={path('knowledgeFigures', {}, { from, to, table: 'missing' })} token={token} table={t('review.missing')} fileName={`knowledge-missing-${from}-${to}.csv`} />
        </>
      ) : null}
    </section>
  );
}
