import type { StatsQueryParams } from './statsQuery.js';
import type { ReactNode } from 'react';
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
    <CounterTimeSection
      id="stats-counters-title"
      testId="stats-counter-time"
      caption={t('stats.counterTime')}
      heads={[t('stats.counter'), t('stats.staff')]}
      rows={counters.map((c) => ({
        key: `${c.counterId}-${c.userId ?? '-'}`,
        time: c,
        cells: (
          <>
            <th scope="row">{label(c.counterId)}</th>
            <td>{c.userName ?? t('stats.noStaff')}</td>
          </>
        ),
      }))}
      reasons
      csv={{ url: path('statsCounters', {}, query), token, fileName: 'counters.csv' }}
    />
  );
}

interface SectionProps {
  /** The heading's id. */
  id: string;
  testId: string;
  caption: string;
  /** The headings of the columns before the time columns. */
  heads: string[];
  /** Each row: its leading cells (as many as `heads`) and its time. */
  rows: { key: string; cells: ReactNode; time: CounterTime }[];
  /** The paused time with its reasons. */
  reasons?: boolean;
  csv: { url: string; token: string; fileName: string };
}

/**
 * A counter-time panel ("Counter time" heading, the table, the CSV link): the hall's statistics and central's use it
 * with their own leading columns.
 */
export function CounterTimeSection({ id, testId, caption, heads, rows, reasons = false, csv }: SectionProps) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('stats.counterTime')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {heads.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <CounterTimeHeads />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={heads.length + 4}>{t('stats.noCounterTime')}</td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.key}>
                {r.cells}
                <CounterTimeCells time={r.time} reasons={reasons} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink url={csv.url} token={csv.token} table={caption} fileName={csv.fileName} />
    </section>
  );
}

/** The time columns' headings of a counter-time table: open, serving, paused, idle. */
function CounterTimeHeads() {
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
function CounterTimeCells({ time: c, reasons = false }: { time: CounterTime; reasons?: boolean }) {
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
