import { localize, type LiveStats, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { CsvLink } from './CsvLink.js';
import { liveQueryOf, type StatsFilter } from './statsQuery.js';
import { inHallOrder, minutesText, percentText } from './figureText.js';
import { path } from '@vuoro/server/protocol/client';

interface Props {
  live: LiveStats;
  snapshot: StaffSnapshot;
  token: string;
  filter: StatsFilter;
}

/** Today so far: tickets, waiting now, average wait and service level, in total and per service. */
export function LiveFigures({ live, snapshot, token, filter }: Props) {
  const { t, language } = useI18n();
  const name = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? `${s.prefix} – ${localize(s.name, language)}` : id;
  };
  return (
    <section className="panel" aria-labelledby="stats-live-title" data-testid="stats-live">
      <h2 id="stats-live-title">{t('stats.live', { date: live.date })}</h2>
      <dl className="figures">
        <Figure id="live-tickets" label={t('stats.live.tickets')} value={String(live.tickets)} />
        <Figure id="live-waiting" label={t('stats.live.waiting')} value={String(live.waitingNow)} />
        <Figure id="live-wait" label={t('stats.meanWait')} value={minutesText(t, language, live.meanWaitMs)} />
        <Figure id="live-level" label={t('stats.serviceLevel')} value={percentText(t, language, live.serviceLevel)} />
      </dl>
      <div className="table-wrap">
        <table className="table" data-testid="stats-live-table">
          <caption>{t('stats.live.byService')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.service')}</th>
              <th scope="col">{t('stats.live.tickets')}</th>
              <th scope="col">{t('stats.live.waiting')}</th>
              <th scope="col">{t('stats.meanWait')}</th>
              <th scope="col">{t('stats.serviceLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {inHallOrder(live.byService, snapshot.services).map((s) => (
              <tr key={s.serviceId}>
                <th scope="row">{name(s.serviceId)}</th>
                <td>{s.tickets}</td>
                <td>{s.waitingNow}</td>
                <td>{minutesText(t, language, s.meanWaitMs)}</td>
                <td>{percentText(t, language, s.serviceLevel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink url={path('statsLive', {}, liveQueryOf(filter))} token={token} table={t('stats.live.byService')} fileName="live.csv" />
    </section>
  );
}

export function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={`fig-${id}`}>{value}</dd>
    </div>
  );
}
