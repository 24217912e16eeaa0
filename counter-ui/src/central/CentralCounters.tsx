import type { CentralCounterTime } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { centralPath, type CentralStatsQueryParams } from '@vuoro/server/protocol/client';
import { CounterTimeSection } from '../stats/CounterTimeTable.js';

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
    <CounterTimeSection
      id="central-counters-title"
      testId="central-counter-time"
      caption={t('central.counterCaption')}
      heads={[t('central.hall'), t('stats.counter'), t('central.staffNumber')]}
      rows={counters.map((c) => ({
        key: `${c.hallId}/${c.counterId}/${c.userId ?? '-'}`,
        time: c,
        cells: (
          <>
            <th scope="row">{hallName(c.hallId)}</th>
            <td>{t('open.counterLabel', { label: c.counterId })}</td>
            <td>{c.userId === null ? t('stats.noStaff') : c.userId}</td>
          </>
        ),
      }))}
      csv={{ url: centralPath('statsCounters', {}, query), token, fileName: 'central-counters.csv' }}
    />
  );
}
