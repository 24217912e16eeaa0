import type { CentralFeedback as CentralFeedbackView, FeedbackSlice } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from '../stats/CsvLink.js';
import { centralPath, type CentralStatsQueryParams } from '@vuoro/server/protocol/client';
import { RATING_KEYS } from '../stats/FeedbackSection.js';
import { ratingText } from '../stats/figureText.js';

interface Props {
  feedback: CentralFeedbackView;
  token: string;
  query: CentralStatsQueryParams;
}

/**
 * Visitor feedback per hall: how many rated, the mean, and how the ratings spread (counts, never colour alone), as
 * anonymous as at the hall: only a hall's service-days with enough finished visits count.
 */
export function CentralFeedback({ feedback, token, query }: Props) {
  const { t, language } = useI18n();
  const notShown = t('stats.ratingsNotShown');
  const row = (key: string, name: string, f: FeedbackSlice) => (
    <tr key={key} data-hall={key}>
      <th scope="row">{name}</th>
      <td data-figure="ratings">{f.ratings === null ? notShown : f.ratings.toLocaleString(language)}</td>
      <td data-figure="meanRating">{f.ratings === null ? notShown : ratingText(t, language, f.meanRating)}</td>
      {[0, 1, 2, 3, 4].map((i) => (
        <td key={i} data-figure={`r${i + 1}`}>
          {f.distribution === null ? notShown : f.distribution[i]?.toLocaleString(language)}
        </td>
      ))}
    </tr>
  );
  return (
    <section className="panel" aria-labelledby="central-feedback-title" data-testid="central-feedback">
      <h2 id="central-feedback-title">{t('central.feedbackTitle', { from: feedback.from, to: feedback.to })}</h2>
      <p className="hint">{t('stats.feedbackAnonymous', { count: String(feedback.minFinishedVisits) })}</p>
      <div className="table-wrap">
        <table className="table" data-testid="central-feedback-table">
          <caption>{t('central.feedbackCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('central.hall')}</th>
              <th scope="col">{t('stats.ratings')}</th>
              <th scope="col">{t('stats.meanRating')}</th>
              {RATING_KEYS.map((k, i) => (
                <th scope="col" key={k}>
                  {`${i + 1} – ${t(k)}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {feedback.byHall.length === 0 ? (
              <tr>
                <td colSpan={8}>{t('central.noFeedback')}</td>
              </tr>
            ) : (
              [...feedback.byHall.map((h) => row(h.hallId, h.hallName, h)), row('all', t('central.allHalls'), feedback)]
            )}
          </tbody>
        </table>
      </div>
      <CsvLink url={centralPath('statsFeedback', {}, query)} token={token} table={t('central.feedbackCaption')} fileName="central-feedback.csv" />
    </section>
  );
}
