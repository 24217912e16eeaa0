import type { CentralSummary, HallFigures } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from '../stats/CsvLink.js';
import { centralPath, type CentralStatsQueryParams } from '@vuoro/server/protocol/client';
import { minutesText, percentText, ratingText } from '../stats/figureText.js';

interface Props {
  summary: CentralSummary;
  hallName(id: string): string;
  token: string;
  query: CentralStatsQueryParams;
}

/** The period's figures by hall (and all halls), and the service level of each service in each hall. */
export function CentralComparison({ summary, hallName, token, query }: Props) {
  const { t, language } = useI18n();
  return (
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
      <CsvLink url={centralPath('statsSummary', {}, query)} token={token} table={t('central.byHallCaption')} fileName="central-summary.csv" />
    </section>
  );
}
