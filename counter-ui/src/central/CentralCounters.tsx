import type { CentralCounterTime } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from '../stats/CsvLink.js';
import { centralPath, type CentralStatsQueryParams } from '@vuoro/server/protocol/client';
import { CounterTimeCells, CounterTimeHeads } from '../stats/CounterTimeTable.js';

interface Props {
  counters: CentralCounterTime[];
  hallName(id: string): string;
  token: string;
  query: CentralStatsQueryParams;
}

/** Counter time per hall, counter and staff member (by the hall's user number: central keeps no staff names). */
export function CentralCounters({ counters, hallName, token, query }: Props) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="central-counters-title">
      <h2 id="central-counters-title">{t('stats.counterTime')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="central-counter-time">
          <caption>{t('central.counterCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('central.hall')}</th>
              <th scope="col">{t('stats.counter')}</th>
              <th scope="col">{t('central.staffNumber')}</th>
              <CounterTimeHeads />
            </tr>
          </thead>
          <tbody>
            {counters.length === 0 ? (
              <tr>
                <td colSpan={7}>{t('stats.noCounterTime')}</td>
              </tr>
            ) : null}
            {counters.map((c) => (
              <tr key={`${c.hallId}/${c.counterId}/${c.userId ?? '-'}`}>
                <th scope="row">{hallName(c.hallId)}</th>
                <td>{t('open.counterLabel', { label: c.counterId })}</td>
                <td>{c.userId === null ? t('stats.noStaff') : c.userId}</td>
                <CounterTimeCells time={c} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink url={centralPath('statsCounters', {}, query)} token={token} table={t('central.counterCaption')} fileName="central-counters.csv" />
    </section>
  );
}
