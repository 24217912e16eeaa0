import type { StatsQueryParams } from './statsQuery.js';
import type { CounterTime, StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from './CsvLink.js';
import { hoursText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  counters: CounterTime[];
  snapshot: StaffSnapshot;
  token: string;
  query: StatsQueryParams;
}

/** How each counter's open time was spent: serving, paused (with the reasons) and idle, per staff member. */
export function CounterTimeTable({ counters, snapshot, token, query }: Props) {
  const { t } = useI18n();
  const label = (id: string) => {
    const c = snapshot.counters.find((x) => x.id === id);
    return t('open.counterLabel', { label: c?.label ?? id });
  };
  return (
    <section className="panel" aria-labelledby="stats-counters-title">
      <h2 id="stats-counters-title">{t('stats.counterTime')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="stats-counter-time">
          <caption>{t('stats.counterTime')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.counter')}</th>
              <th scope="col">{t('stats.staff')}</th>
              <CounterTimeHeads />
            </tr>
          </thead>
          <tbody>
            {counters.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('stats.noCounterTime')}</td>
              </tr>
            ) : null}
            {counters.map((c) => (
              <tr key={`${c.counterId}-${c.userId ?? '-'}`}>
                <th scope="row">{label(c.counterId)}</th>
                <td>{c.userName ?? t('stats.noStaff')}</td>
                <CounterTimeCells time={c} reasons />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink url={path('statsCounters', {}, query)} token={token} table={t('stats.counterTime')} fileName="counters.csv" />
    </section>
  );
}

/** The time columns' headings of a counter-time table: open, serving, paused, idle. */
export function CounterTimeHeads() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t('stats.open')}</th>
      <th scope="col">{t('stats.serving')}</th>
      <th scope="col">{t('stats.paused')}</th>
      <th scope="col">{t('stats.idle')}</th>
    </>
  );
}

/** The time cells of one counter-time row; the paused time with its reasons when `reasons`. */
export function CounterTimeCells({ time: c, reasons = false }: { time: CounterTime; reasons?: boolean }) {
  const { t, language } = useI18n();
  return (
    <>
      <td>{hoursText(t, language, c.openMs)}</td>
      <td>{hoursText(t, language, c.servingMs)}</td>
      <td>
        {hoursText(t, language, c.pausedMs)}
        {reasons && Object.keys(c.pausedByReason).length > 0 ? (
          <ul className="reasons">
            {Object.entries(c.pausedByReason).map(([reason, ms]) => (
              <li key={reason}>
                {reason}: {hoursText(t, language, ms)}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td>{hoursText(t, language, c.idleMs)}</td>
    </>
  );
}
