import type { StatsQueryParams } from './statsQuery.js';
import { useMemo } from 'react';
import type { HeatmapCell } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ChartCanvas, countsWithWaitLine, type StatsChartConfig } from './ChartCanvas.js';
import { CsvLink } from './CsvLink.js';
import { TableAlternative } from './TableAlternative.js';
import { minutes } from './statsQuery.js';
import { minutesText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  cells: HeatmapCell[];
  token: string;
  query: StatsQueryParams;
}

/** 2024-01-01 was a Monday: weekday names in the reader's language. */
function weekdayNames(language: string): string[] {
  const f = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((d) => f.format(Date.UTC(2024, 0, 1 + d)));
}

/**
 * For staffing: the arrival curve and waiting curve by hour of day (a chart), and arrivals by weekday × hour as a
 * heat map table whose cells carry the number itself and a shade (never the shade alone).
 */
export function ArrivalsSection({ cells, token, query }: Props) {
  const { t, language } = useI18n();
  const byHour = useMemo(
    () =>
      [...new Set(cells.filter((c) => c.arrivals > 0).map((c) => c.hour))].sort((a, b) => a - b).map((h) => {
        const at = cells.filter((c) => c.hour === h);
        const arrivals = at.reduce((a, c) => a + c.arrivals, 0);
        const waited = at.filter((c) => c.meanWaitMs !== null);
        const weight = waited.reduce((a, c) => a + c.arrivals, 0);
        const meanWait = weight === 0 ? null : waited.reduce((a, c) => a + (c.meanWaitMs ?? 0) * c.arrivals, 0) / weight;
        return { hour: h, arrivals, meanWaitMs: meanWait };
      }),
    [cells],
  );
  const hoursWithData = byHour.map((h) => h.hour);
  const config = useMemo<StatsChartConfig>(
    () =>
      countsWithWaitLine(
        byHour.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
        { label: t('stats.arrivals'), data: byHour.map((h) => h.arrivals) },
        { label: t('stats.meanWaitMinutes'), data: byHour.map((h) => minutes(h.meanWaitMs)) },
      ),
    [byHour, t],
  );
  const max = cells.reduce((a, c) => Math.max(a, c.meanArrivals), 0);
  const days = weekdayNames(language);
  const cell = (d: number, h: number) => cells.find((c) => c.weekday === d && c.hour === h);
  return (
    <section className="panel" aria-labelledby="stats-arrivals-title">
      <h2 id="stats-arrivals-title">{t('stats.arrivalsTitle')}</h2>
      <ChartCanvas config={config} label={t('stats.arrivalsChart')} testId="chart-arrivals" />
      <TableAlternative
        caption={t('stats.waitingCurve')}
        testId="stats-hours-table"
        head={
          <tr>
            <th scope="col">{t('stats.hour')}</th>
            <th scope="col">{t('stats.arrivals')}</th>
            <th scope="col">{t('stats.meanWait')}</th>
          </tr>
        }
      >
        {byHour.map((h) => (
          <tr key={h.hour}>
            <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
            <td>{h.arrivals}</td>
            <td>{minutesText(t, language, h.meanWaitMs)}</td>
          </tr>
        ))}
      </TableAlternative>
      <div className="table-wrap">
        <table className="table heatmap" data-testid="stats-heatmap">
          <caption>{t('stats.heatmap')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.weekday')}</th>
              {hoursWithData.map((h) => (
                <th scope="col" key={h}>
                  {String(h).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((name, d) => (
              <tr key={d}>
                <th scope="row">{name}</th>
                {hoursWithData.map((h) => {
                  const v = cell(d, h)?.meanArrivals ?? 0;
                  const share = max === 0 ? 0 : v / max;
                  return (
                    <td key={h} style={{ background: `rgba(86, 148, 202, ${share.toFixed(2)})` }}>
                      {(Math.round(v * 10) / 10).toLocaleString(language)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('stats.heatmapHint')}</p>
      <CsvLink url={path('statsHeatmap', {}, query)} token={token} table={t('stats.heatmap')} fileName="heatmap.csv" />
    </section>
  );
}
