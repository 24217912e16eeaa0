import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { localize, type AffectedBooking, type AppointmentStaffView, type SlotView, type StaffSnapshot } from '@vuoro/server/protocol';
import { api } from '../api/client.js';
import type { StoredSession } from '../api/session.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { EntranceQr } from './EntranceQr.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { useAction } from '../hooks/useAction.js';
import { useTitle } from '../hooks/useTitle.js';
import { useI18n } from '../i18n/i18n.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  session: StoredSession;
  onExpired(): void;
}

type Change = { kind: 'cancel' | 'move'; appointment: AppointmentStaffView };

/** The hall's local date at `at` (YYYY-MM-DD). */
function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * A day's appointments per service for staff (booked, arrived, late, no-show, cancelled), check-in by code, booking on
 * a visitor's behalf, and moving or cancelling with a reason; supervisors also see bookings that changed hours left
 * without a slot.
 */
export function AppointmentsView({ snapshot, session, onExpired }: Props) {
  const { t, language } = useI18n();
  useTitle(t('appt.title'));
  const { announce } = useAnnouncer();
  const runner = useAction(onExpired);
  const token = session.token;
  const services = snapshot.services.filter((s) => s.appointments);
  const [serviceId, setServiceId] = useState<string>(services[0]?.id ?? '');
  // The server's clock, not the browser's: "today" is the hall's day.
  const [date, setDate] = useState(() => localDate(snapshot.now, snapshot.hall.timeZone));
  const [list, setList] = useState<AppointmentStaffView[] | null>(null);
  const [affected, setAffected] = useState<AffectedBooking[]>([]);
  const [code, setCode] = useState('');
  const [change, setChange] = useState<Change | null>(null);
  const name = (id: string) => localize(snapshot.services.find((s) => s.id === id)?.name, language);

  const run = runner.run;
  const load = useCallback(async () => {
    if (!serviceId) return;
    const r = await run(() => api('appointmentDay', token, { query: { date, serviceId } }));
    if (r) setList(r);
    if (session.user.role !== 'staff') {
      const a = await run(() => api('affectedAppointments', token));
      if (a) setAffected(a);
    }
  }, [run, serviceId, date, token, session.user.role]);

  useEffect(() => {
    void load();
  }, [load]);

  const checkIn = async (e: FormEvent) => {
    e.preventDefault();
    const r = await runner.run(() => api('checkIn', token, { body: { code } }));
    if (!r) return;
    if (r.kind === 'checked-in' || r.kind === 'remote-checked-in') announce(t('appt.checkedIn', { number: r.ticket.number }));
    else if (r.kind === 'too-early') announce(t('appt.tooEarly', { time: r.appointment.time }));
    else announce(t('appt.tooLate', { time: r.appointment.time }));
    setCode('');
    void load();
  };

  if (services.length === 0) {
    return (
      <main id="main">
        <h1>{t('appt.title')}</h1>
        <p>{t('appt.none')}</p>
      </main>
    );
  }

  return (
    <main id="main" className="appointments">
      <h1>{t('appt.title')}</h1>
      <ErrorSummary message={runner.error} onDismiss={runner.clearError} />
      {affected.length > 0 ? (
        <section className="panel notice notice--important" aria-labelledby="appt-affected-title" data-testid="appt-affected">
          <h2 id="appt-affected-title">{t('appt.affected', { count: affected.length })}</h2>
          <p>{t('appt.affectedHint')}</p>
          <ul>
            {affected.map((a) => (
              <li key={a.id}>
                {name(a.serviceId)}: {new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: snapshot.hall.timeZone }).format(a.at)} · {a.code}
                {a.name ? ` · ${a.name}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="appt-checkin-title">
        <h2 id="appt-checkin-title">{t('appt.checkIn')}</h2>
        <form onSubmit={(e) => void checkIn(e)} className="inline-form">
          <div className="field">
            <label htmlFor="appt-code">{t('appt.code')}</label>
            <input id="appt-code" type="text" autoComplete="off" spellCheck={false} maxLength={20} value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <BusyButton type="submit" className="button" busy={runner.busy} disabled={code.trim() === ''}>
            {t('appt.checkInButton')}
          </BusyButton>
        </form>
      </section>
      <section className="panel" aria-labelledby="appt-day-title">
        <h2 id="appt-day-title">{t('appt.day')}</h2>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="appt-service">{t('queue.service')}</label>
            <select id="appt-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {localize(s.name, language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="appt-date">{t('appt.date')}</label>
            <input id="appt-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </div>
        </div>
        <Counts list={list ?? []} />
        {list && list.length === 0 ? <p>{t('appt.empty')}</p> : null}
        {list && list.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="appt-table">
              <caption className="visually-hidden">{t('appt.caption', { service: name(serviceId), date })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appt.time')}</th>
                  <th scope="col">{t('appt.code')}</th>
                  <th scope="col">{t('appt.name')}</th>
                  <th scope="col">{t('appt.status')}</th>
                  <th scope="col">{t('queue.number')}</th>
                  <th scope="col">{t('appt.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id} data-status={a.status}>
                    <th scope="row">{a.time}</th>
                    <td>{a.code}</td>
                    <td>{a.name ?? '—'}</td>
                    <td>{t(`appt.status.${a.status}`)}</td>
                    <td>{a.ticket?.number ?? '—'}</td>
                    <td>
                      {a.state === 'booked' ? (
                        <div className="button-row">
                          <button type="button" className="button button--secondary" onClick={() => setChange({ kind: 'move', appointment: a })}>
                            {t('appt.move')}
                            <span className="visually-hidden"> {a.time}</span>
                          </button>
                          <button type="button" className="button button--secondary" onClick={() => setChange({ kind: 'cancel', appointment: a })}>
                            {t('appt.cancel')}
                            <span className="visually-hidden"> {a.time}</span>
                          </button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {change ? (
        <ChangeForm
          change={change}
          token={token}
          runner={runner}
          onDone={(text) => {
            setChange(null);
            if (text) announce(text);
            void load();
          }}
        />
      ) : null}
      <BookForm serviceId={serviceId} serviceName={name(serviceId)} date={date} token={token} runner={runner} onBooked={() => void load()} />
      {session.user.role !== 'staff' ? <EntranceQr token={token} publicUrl={snapshot.hall.publicUrl} /> : null}
    </main>
  );
}

function Counts({ list }: { list: AppointmentStaffView[] }) {
  const { t } = useI18n();
  const n = (s: AppointmentStaffView['status']) => list.filter((a) => a.status === s).length;
  return (
    <p data-testid="appt-counts">
      {t('appt.counts', { booked: n('booked'), arrived: n('arrived'), late: n('late'), noShow: n('no-show') })}
    </p>
  );
}

/** A time chosen from a day's free slots (null: none chosen yet). */
function SlotSelect({ id, label, slots, at, onChange }: { id: string; label: string; slots: SlotView[]; at: number | null; onChange(at: number | null): void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={at ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('appt.chooseTime')}</option>
        {slots.map((s) => (
          <option key={s.at} value={s.at}>
            {s.time}
          </option>
        ))}
      </select>
    </div>
  );
}

function useSlots(serviceId: string, date: string, token: string): SlotView[] {
  const [slots, setSlots] = useState<SlotView[]>([]);
  useEffect(() => {
    let live = true;
    api('appointmentSlots', token, { query: { serviceId, date } })
      .then((r) => live && setSlots(r.slots))
      .catch(() => live && setSlots([]));
    return () => {
      live = false;
    };
  }, [serviceId, date, token]);
  return slots;
}

function ChangeForm({ change, token, runner, onDone }: { change: Change; token: string; runner: ReturnType<typeof useAction>; onDone(text: string | null): void }) {
  const { t } = useI18n();
  const a = change.appointment;
  const [reason, setReason] = useState('');
  const slots = useSlots(a.serviceId, a.date, token);
  const [at, setAt] = useState<number | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (change.kind === 'cancel') {
      const r = await runner.run(() => api('cancelAppointment', token, { params: { code: a.code }, body: { reason } }));
      if (r) onDone(t('appt.cancelled', { time: a.time }));
    } else if (at !== null) {
      const r = await runner.run(() => api('moveAppointment', token, { params: { code: a.code }, body: { at, reason } }));
      if (r) onDone(t('appt.moved', { time: r.time }));
    }
  };
  return (
    <section className="panel" aria-labelledby="appt-change-title">
      <h2 id="appt-change-title">{change.kind === 'cancel' ? t('appt.cancelTitle', { time: a.time, code: a.code }) : t('appt.moveTitle', { time: a.time, code: a.code })}</h2>
      <form onSubmit={(e) => void submit(e)}>
        {change.kind === 'move' ? (
          <SlotSelect id="appt-new-time" label={t('appt.newTime')} slots={slots} at={at} onChange={setAt} />
        ) : null}
        <div className="field">
          <label htmlFor="appt-reason">{t('appt.reason')}</label>
          <input id="appt-reason" type="text" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={runner.busy} disabled={reason.trim() === '' || (change.kind === 'move' && at === null)}>
            {change.kind === 'cancel' ? t('appt.cancelConfirm') : t('appt.moveConfirm')}
          </BusyButton>
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t('appt.keep')}
          </button>
        </div>
      </form>
    </section>
  );
}

function BookForm(props: { serviceId: string; serviceName: string; date: string; token: string; runner: ReturnType<typeof useAction>; onBooked(): void }) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const slots = useSlots(props.serviceId, props.date, props.token);
  const [at, setAt] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [booked, setBooked] = useState<{ code: string; time: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (at === null) return;
    const r = await props.runner.run(() =>
      api('book', props.token, { body: { serviceId: props.serviceId, at, language, ...(name.trim() ? { name: name.trim() } : {}) } }),
    );
    if (!r) return;
    setBooked({ code: r.appointment.code, time: r.appointment.time });
    announce(t('appt.bookedFor', { code: r.appointment.code, time: r.appointment.time }));
    setAt(null);
    setName('');
    props.onBooked();
  };
  return (
    <section className="panel" aria-labelledby="appt-book-title">
      <h2 id="appt-book-title">{t('appt.book', { service: props.serviceName })}</h2>
      {booked ? (
        <p className="notice" data-testid="appt-booked">
          {t('appt.bookedFor', { code: booked.code, time: booked.time })}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="inline-form">
        <SlotSelect id="appt-book-time" label={t('appt.time')} slots={slots} at={at} onChange={setAt} />
        <div className="field">
          <label htmlFor="appt-book-name">{t('appt.nameOptional')}</label>
          <input id="appt-book-name" type="text" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <BusyButton type="submit" className="button" busy={props.runner.busy} disabled={at === null}>
          {t('appt.bookButton')}
        </BusyButton>
      </form>
    </section>
  );
}
