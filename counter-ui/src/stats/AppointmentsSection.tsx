import { useCallback } from 'react';
import { localize, type AppointmentFigures, type StaffSnapshot } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { usePeriodQuery, useStatsAnswer } from './useStatsAnswer.js';
import { CsvLink } from './CsvLink.js';
import { minutesText, percentText } from './figureText.js';
import type { StatsQueryParams } from './statsQuery.js';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  query: StatsQueryParams;
  onExpired(): void;
}

/** Appointments by slot date: booked, arrived, no-show rate, punctuality, and how long after check-in and slot the call came. */
export function AppointmentsSection({ snapshot, token, query, onExpired }: Props) {
  const { t, language } = useI18n();
  const q = usePeriodQuery(query);
  const load = useCallback(() => api('statsAppointments', token, { query: q }), [token, q]);
  const { data: stats, failure } = useStatsAnswer(load, onExpired);
  if (!snapshot.services.some((s) => s.appointments)) return null;
  const name = (id: string) => localize(snapshot.services.find((s) => s.id === id)?.name, language);
  // The figures are minutes; the shared helpers take milliseconds.
  const minutes = (m: number | null) => minutesText(t, language, m === null ? null : m * 60_000);
  const share = (x: number | null) => percentText(t, language, x);
  const row = (label: string, f: AppointmentFigures, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{f.booked}</td>
      <td>{f.arrived}</td>
      <td>{f.noShows}</td>
      <td>{share(f.noShowRate)}</td>
      <td>{share(f.onTimeShare)}</td>
      <td>{minutes(f.meanArrivalMinutes)}</td>
      <td>{minutes(f.meanWaitAfterCheckInMinutes)}</td>
      <td>{minutes(f.meanWaitAfterSlotMinutes)}</td>
    </tr>
  );
  return (
    <section className="panel" aria-labelledby="stats-appointments-title" data-testid="stats-appointments">
      <h2 id="stats-appointments-title">{t('stats.appt.title')}</h2>
      {failure ? <p role="alert">{failure}</p> : null}
      {stats ? (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('stats.appt.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.service')}</th>
                  <th scope="col">{t('stats.appt.booked')}</th>
                  <th scope="col">{t('stats.appt.arrived')}</th>
                  <th scope="col">{t('stats.appt.noShows')}</th>
                  <th scope="col">{t('stats.appt.noShowRate')}</th>
                  <th scope="col">{t('stats.appt.onTime')}</th>
                  <th scope="col">{t('stats.appt.arrival')}</th>
                  <th scope="col">{t('stats.appt.afterCheckIn')}</th>
                  <th scope="col">{t('stats.appt.afterSlot')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byService.map((s) => row(name(s.serviceId), s, s.serviceId))}
                {row(t('stats.appt.total'), stats.totals, 'total')}
              </tbody>
            </table>
          </div>
          <CsvLink url={path('statsAppointments', {}, q)} token={token} table={t('stats.appt.title')} fileName="appointments.csv" />
        </>
      ) : null}
    </section>
  );
}
