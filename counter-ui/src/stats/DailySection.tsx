import type { StatsQueryParams } from './statsQuery.js';
import { useMemo } from 'react';
import type { DailyRow } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ChartCanvas, countsWithWaitLine, type StatsChartConfig } from './ChartCanvas.js';
import { CsvLink } from './CsvLink.js';
import { TableAlternative } from './TableAlternative.js';
import { minutes } from './statsQuery.js';
import { minutesText, percentText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  daily: DailyRow[];
  token: string;
  query: StatsQueryParams;
}

/** Visits per day as bars and the mean wait as a dashed line with square points, with the table alternative. */
export function DailySection({ daily, token, query }: Props) {
  const { t, language } = useI18n();
  const config = useMemo<StatsChartConfig>(
    () =>
      countsWithWaitLine(
        daily.map((d) => d.date),
        { label: t('stats.visits'), data: daily.map((d) => d.visits) },
        { label: t('stats.meanWaitMinutes'), data: daily.map((d) => minutes(d.meanWaitMs)) },
      ),
    [daily, t],
  );
  return (
    <section className="panel" aria-labelledby="stats-daily-title">
      <h2 id="stats-daily-title">{t('stats.daily')}</h2>
      <ChartCanvas config={config} label={t('stats.dailyChart')} testId="chart-daily" />
      <TableAlternative
        caption={t('stats.daily')}
        testId="stats-daily-table"
        head={
          <tr>
            <th scope="col">{t('stats.date')}</th>
            <th scope="col">{t('stats.visits')}</th>
            <th scope="col">{t('stats.meanWait')}</th>
            <th scope="col">{t('stats.serviceLevel')}</th>
            <th scope="col">{t('stats.abandonment')}</th>
          </tr>
        }
      >
        {daily.map((d) => (
          <tr key={d.date}>
            <th scope="row">{d.date}</th>
            <td>{d.visits}</td>
            <td>{minutesText(t, language, d.meanWaitMs)}</td>
            <td>{percentText(t, language, d.serviceLevel)}</td>
            <td>{percentText(t, language, d.abandonmentRate)}</td>
          </tr>
        ))}
      </TableAlternative>
      <CsvLink url={path('statsDaily', {}, query)} token={token} table={t('stats.daily')} fileName="daily.csv" />
    </section>
  );
}
