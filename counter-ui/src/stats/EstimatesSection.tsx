import { useMemo } from 'react';
import { localize, type EstimateAccuracy, type EstimateErrorFigures, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { barsWithLine, ChartCanvas, type StatsChartConfig } from './ChartCanvas.js';
import { CsvLink } from './CsvLink.js';
import { Figure } from './LiveFigures.js';
import { TableAlternative } from './TableAlternative.js';
import { minutes, type StatsQueryParams } from './statsQuery.js';
import { path } from '@vuoro/server/protocol/client';
import { inHallOrder, minutesText, percentText } from './figureText.js';

interface Props {
  accuracy: EstimateAccuracy;
  snapshot: StaffSnapshot;
  token: string;
  query: StatsQueryParams;
}

/** The signed mean error as text: "+2.5 min" (later than promised) or "−1 min" (earlier). */
function signedMinutes(t: Translate, language: string, ms: number | null): string {
  if (ms === null) return t('stats.none');
  const m = minutes(ms) ?? 0;
  const n = Math.abs(m).toLocaleString(language);
  return t('stats.minutes', { n: m > 0 ? `+${n}` : m < 0 ? `−${n}` : n });
}

/**
 * How well the promised waits held: the error between the wait told at issue and the actual wait. Figures for the
 * period, a chart by hour of issue (median |error| as bars, 90th percentile as a dashed line), tables and CSV.
 */
export function EstimatesSection({ accuracy, snapshot, token, query }: Props) {
  const { t, language } = useI18n();
  const f = accuracy.totals;
  const config = useMemo<StatsChartConfig>(
    () =>
      barsWithLine(
        accuracy.byHour.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
        { label: t('estimates.median'), data: accuracy.byHour.map((h) => minutes(h.medianAbsErrorMs)) },
        { label: t('estimates.p90'), data: accuracy.byHour.map((h) => minutes(h.p90AbsErrorMs)) },
        t('estimates.axis'),
      ),
    [accuracy, t],
  );
  const serviceName = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? `${s.prefix} – ${localize(s.name, language)}` : id;
  };
  const head = (first: string) => (
    <tr>
      <th scope="col">{first}</th>
      <th scope="col">{t('estimates.promises')}</th>
      <th scope="col">{t('estimates.median')}</th>
      <th scope="col">{t('estimates.p90')}</th>
      <th scope="col">{t('estimates.late')}</th>
      <th scope="col">{t('estimates.early')}</th>
      <th scope="col">{t('estimates.mean')}</th>
    </tr>
  );
  const cells = (x: EstimateErrorFigures) => (
    <>
      <td>{x.promises}</td>
      <td>{minutesText(t, language, x.medianAbsErrorMs)}</td>
      <td>{minutesText(t, language, x.p90AbsErrorMs)}</td>
      <td>{percentText(t, language, x.lateShare)}</td>
      <td>{percentText(t, language, x.earlyShare)}</td>
      <td>{signedMinutes(t, language, x.meanErrorMs)}</td>
    </>
  );
  return (
    <section className="panel" aria-labelledby="stats-estimates-title" data-testid="stats-estimates">
      <h2 id="stats-estimates-title">{t('estimates.title')}</h2>
      <p>{t('estimates.explain')}</p>
      <dl className="figures">
        <Figure id="est-promises" label={t('estimates.promises')} value={String(f.promises)} />
        <Figure id="est-median" label={t('estimates.median')} value={minutesText(t, language, f.medianAbsErrorMs)} />
        <Figure id="est-p90" label={t('estimates.p90')} value={minutesText(t, language, f.p90AbsErrorMs)} />
        <Figure id="est-late" label={t('estimates.late')} value={percentText(t, language, f.lateShare)} />
        <Figure id="est-early" label={t('estimates.early')} value={percentText(t, language, f.earlyShare)} />
        <Figure id="est-mean" label={t('estimates.mean')} value={signedMinutes(t, language, f.meanErrorMs)} />
        <Figure id="est-never" label={t('estimates.neverCalled')} value={String(f.neverCalled)} />
      </dl>
      {accuracy.byHour.length > 0 ? <ChartCanvas config={config} label={t('estimates.chart')} testId="chart-estimates" /> : null}
      <div className="table-wrap">
        <table className="table" data-testid="estimates-by-service">
          <caption>{t('estimates.byService')}</caption>
          <thead>{head(t('stats.service'))}</thead>
          <tbody>
            {accuracy.byService.length === 0 ? (
              <tr>
                <td colSpan={7}>{t('estimates.nothing')}</td>
              </tr>
            ) : null}
            {inHallOrder(accuracy.byService, snapshot.services).map((s) => (
              <tr key={s.serviceId} data-testid={`estimates-by-service-${s.serviceId}`}>
                <th scope="row">{serviceName(s.serviceId)}</th>
                {cells(s)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableAlternative caption={t('estimates.byHour')} testId="estimates-by-hour" head={head(t('stats.hour'))}>
        {accuracy.byHour.map((h) => (
          <tr key={h.hour}>
            <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
            {cells(h)}
          </tr>
        ))}
      </TableAlternative>
      <TableAlternative caption={t('estimates.byDay')} testId="estimates-by-day" head={head(t('stats.date'))}>
        {accuracy.byDay.map((d) => (
          <tr key={d.date}>
            <th scope="row">{d.date}</th>
            {cells(d)}
          </tr>
        ))}
      </TableAlternative>
      <CsvLink url={path('statsEstimates', {}, query)} token={token} table={t('estimates.title')} fileName="estimates.csv" />
    </section>
  );
}
