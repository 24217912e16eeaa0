import type { StatsQueryParams } from './statsQuery.js';
import { useMemo } from 'react';
import { localize, type FeedbackStats, type StaffSnapshot, type WaitBand } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { ChartCanvas, SERIES, type StatsChartConfig } from './ChartCanvas.js';
import { CsvLink } from './CsvLink.js';
import { TableAlternative } from './TableAlternative.js';
import { Figure } from './LiveFigures.js';
import { inHallOrder, ratingText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  feedback: FeedbackStats;
  snapshot: StaffSnapshot;
  token: string;
  query: StatsQueryParams;
}

export const RATING_KEYS: MessageKey[] = ['stats.rating1', 'stats.rating2', 'stats.rating3', 'stats.rating4', 'stats.rating5'];
const COMMENTS_SHOWN = 20;

/** Visitor feedback: the mean, how the ratings spread (chart and table), per service, and the anonymous comments. */
export function FeedbackSection({ feedback, snapshot, token, query }: Props) {
  const { t, language } = useI18n();
  const labels = useMemo(() => RATING_KEYS.map((k, i) => `${i + 1} – ${t(k)}`), [t]);
  const config = useMemo<StatsChartConfig>(
    () => ({
      type: 'bar',
      data: { labels, datasets: [{ label: t('stats.ratings'), data: [...(feedback.distribution ?? [])], backgroundColor: SERIES[0].color }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [feedback, labels, t],
  );
  const serviceName = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? `${s.prefix} – ${localize(s.name, language)}` : id;
  };
  const band = (b: WaitBand) =>
    b.toMinutes === null ? t('stats.waitBandOpen', { from: String(b.fromMinutes) }) : t('stats.waitBand', { from: String(b.fromMinutes), to: String(b.toMinutes) });
  const count = (n: number | null) => (n === null ? t('stats.ratingsNotShown') : String(n));
  const mean = (f: { ratings: number | null; meanRating: number | null }) => (f.ratings === null ? t('stats.ratingsNotShown') : ratingText(t, language, f.meanRating));
  const distribution = feedback.distribution;
  return (
    <section className="panel" aria-labelledby="stats-feedback-title" data-testid="stats-feedback">
      <h2 id="stats-feedback-title">{t('stats.feedback')}</h2>
      <p className="hint" data-testid="stats-feedback-anonymous">
        {feedback.notByCounterOrStaff ? t('stats.feedbackNotByPerson') : t('stats.feedbackAnonymous', { count: String(feedback.minFinishedVisits) })}
      </p>
      <dl className="figures">
        <Figure id="ratings" label={t('stats.ratings')} value={count(feedback.ratings)} />
        <Figure id="mean-rating" label={t('stats.meanRating')} value={mean(feedback)} />
      </dl>
      {distribution === null ? null : (
        <>
          <ChartCanvas config={config} label={t('stats.distributionChart')} testId="chart-feedback" />
          <TableAlternative
            caption={t('stats.distribution')}
            testId="stats-distribution-table"
            head={
              <tr>
                <th scope="col">{t('stats.ratingColumn')}</th>
                <th scope="col">{t('stats.ratings')}</th>
              </tr>
            }
          >
            {labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                <td>{distribution[i]}</td>
              </tr>
            ))}
          </TableAlternative>
        </>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="stats-feedback-by-service">
          <caption>{t('stats.feedbackByService')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.service')}</th>
              <th scope="col">{t('stats.ratings')}</th>
              <th scope="col">{t('stats.meanRating')}</th>
            </tr>
          </thead>
          <tbody>
            {inHallOrder(feedback.byService, snapshot.services).map((s) => (
              <tr key={s.serviceId}>
                <th scope="row">{serviceName(s.serviceId)}</th>
                <td>{count(s.ratings)}</td>
                <td>{mean(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('stats.comments')}</h3>
      {feedback.comments.length === 0 ? <p>{t('stats.noComments')}</p> : null}
      {feedback.comments.length > COMMENTS_SHOWN ? <p className="hint">{t('stats.commentsHint', { count: COMMENTS_SHOWN })}</p> : null}
      <ul className="comments" data-testid="stats-comments">
        {feedback.comments.slice(0, COMMENTS_SHOWN).map((c, i) => (
          <li key={`${c.date}-${i}`}>
            <p className="comments__meta">
              {c.waitBand === null
                ? t('stats.commentMeta', { rating: `${c.rating} – ${t(RATING_KEYS[c.rating - 1] ?? 'stats.rating3')}`, service: serviceName(c.serviceId), date: c.date })
                : t('stats.commentMetaBand', {
                    rating: `${c.rating} – ${t(RATING_KEYS[c.rating - 1] ?? 'stats.rating3')}`,
                    service: serviceName(c.serviceId),
                    band: band(c.waitBand),
                    date: c.date,
                  })}
            </p>
            <blockquote>{c.comment}</blockquote>
          </li>
        ))}
      </ul>
      <CsvLink url={path('statsFeedback', {}, query)} token={token} table={t('stats.comments')} fileName="feedback-comments.csv" />
    </section>
  );
}
