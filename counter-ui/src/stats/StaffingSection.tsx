import { useCallback, useMemo, useState } from 'react';
import { localize, type StaffingRow, type StaffSnapshot } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { usePeriodQuery, useStatsAnswer } from './useStatsAnswer.js';
import { barsWithLine, ChartCanvas, type StatsChartConfig } from './ChartCanvas.js';
import { CsvLink } from './CsvLink.js';
import { minutesText, percentText } from './figureText.js';
import type { StatsQueryParams } from './statsQuery.js';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  /** The period and organisation/service filters of the screen (counter and staff member do not apply). */
  query: StatsQueryParams;
  onExpired(): void;
}

/** 2024-01-01 was a Monday: weekday names in the reader's language. */
function weekdayNames(language: string): string[] {
  const f = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((d) => f.format(Date.UTC(2024, 0, 1 + d)));
}

const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * Staffing advice for a chosen weekday: per service group and hour, the counters needed for the service-level target
 * (Erlang C) as bars and the counters that were open as a dashed line, with the table and the CSV.
 */
export function StaffingSection({ snapshot, token, query, onExpired }: Props) {
  const { t, language } = useI18n();
  const [weekday, setWeekday] = useState(0);
  const q = usePeriodQuery(query);
  const load = useCallback(() => api('statsStaffing', token, { query: { ...q, weekday: String(weekday) } }), [token, q, weekday]);
  const { data: advice, failure } = useStatsAnswer(load, onExpired);
  const days = weekdayNames(language);
  const groups = useMemo(() => {
    const out = new Map<string, StaffingRow[]>();
    for (const r of advice?.rows ?? []) out.set(r.group ?? '', [...(out.get(r.group ?? '') ?? []), r]);
    return [...out.entries()];
  }, [advice]);
  const groupName = (id: string) => {
    const o = snapshot.organisations.find((x) => x.id === id);
    return o ? localize(o.name, language) : id === '' ? t('staffing.noOrganisation') : id;
  };
  return (
    <section className="panel" aria-labelledby="stats-staffing-title" data-testid="stats-staffing">
      <h2 id="stats-staffing-title">{t('staffing.title')}</h2>
      <p>{t('staffing.explain', { share: String(Math.round((advice?.share ?? 0.8) * 100)) })}</p>
      <div className="field">
        <label htmlFor="staffing-weekday">{t('staffing.weekday')}</label>
        <select id="staffing-weekday" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
          {days.map((name, i) => (
            <option key={i} value={i}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {failure ? (
        <p className="error-message" role="alert">
          {failure}
        </p>
      ) : null}
      <p role="status" data-testid="staffing-status">
        {advice ? t('staffing.days', { weekday: days[advice.weekday] ?? '', days: advice.days }) : ''}
      </p>
      {advice && groups.length === 0 ? <p>{t('staffing.nothing')}</p> : null}
      {groups.map(([group, rows]) => (
        <StaffingGroup key={group} title={groupName(group)} group={group} rows={rows} />
      ))}
      <CsvLink url={path('statsStaffing', {}, { ...q, weekday: String(weekday) })} token={token} table={t('staffing.title')} fileName={`staffing-${weekday}.csv`} />
    </section>
  );
}

function StaffingGroup({ title, group, rows }: { title: string; group: string; rows: StaffingRow[] }) {
  const { t, language } = useI18n();
  const config = useMemo<StatsChartConfig>(
    () =>
      barsWithLine(
        rows.map((r) => hourText(r.hour)),
        { label: t('staffing.needed'), data: rows.map((r) => r.countersNeeded) },
        { label: t('staffing.open'), data: rows.map((r) => r.countersOpen) },
        t('staffing.counters'),
      ),
    [rows, t],
  );
  return (
    <div className="staffing-group">
      <h3>{title}</h3>
      <ChartCanvas config={config} label={t('staffing.chart', { group: title })} testId={`chart-staffing-${group}`} />
      <div className="table-wrap">
        <table className="table" data-testid={`staffing-table-${group}`}>
          <caption>{t('staffing.table', { group: title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.hour')}</th>
              <th scope="col">{t('staffing.arrivals')}</th>
              <th scope="col">{t('staffing.handling')}</th>
              <th scope="col">{t('staffing.needed')}</th>
              <th scope="col">{t('staffing.open')}</th>
              <th scope="col">{t('staffing.levelOpen')}</th>
              <th scope="col">{t('staffing.levelNeeded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.hour} data-testid={`staffing-${group}-${r.hour}`}>
                <th scope="row">{hourText(r.hour)}</th>
                <td>{r.arrivalsPerHour.toLocaleString(language)}</td>
                <td>{minutesText(t, language, r.handlingMs)}</td>
                <td>{r.countersNeeded}</td>
                <td>{r.countersOpen.toLocaleString(language)}</td>
                <td>{percentText(t, language, r.serviceLevelOpen)}</td>
                <td>{percentText(t, language, r.serviceLevelNeeded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
