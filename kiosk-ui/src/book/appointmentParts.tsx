import type { ReactNode } from 'react';
import type { AppointmentServiceView, AppointmentView, Language } from '@vuoro/server/protocol';
import { QrCode } from '../components/QrCode';
import type { StatusKey } from '../status/useCatalog';
import { calendarHref } from './api';
import { Details, Titled, type T } from './formParts';
import { BusyButton } from '../components/BusyButton.js';

/** The booking page's screens about one appointment: booked or moved, manage, cancel, cancelled. */

interface Shown {
  a: AppointmentView;
  t: T;
  lang: Language;
  fallback: Language;
}

/**
 * After booking or moving: the code as the panel's reference, the details, the reminders set, what happens next, the
 * QR code, the calendar file and the manage link.
 */
export function Confirmation({ kind, a, t, lang, fallback, reminders, service, languages }: Shown & {
  kind: 'booked' | 'moved';
  reminders: { channel: 'email' | 'sms'; masked: string }[] | undefined;
  service: AppointmentServiceView | undefined;
  languages: ReactNode;
}) {
  return (
    <main className="status book">
      {languages}
      <div className="panel">
        <Titled title={kind === 'booked' ? t('book.done.title') : t('book.moved.title')} screen={kind} />
        <p>{t('book.done.code')}</p>
        <p className="code">{a.code}</p>
      </div>
      <Details a={a} t={t} lang={lang} fallback={fallback} />
      {kind === 'booked' && reminders && reminders.length > 0 ? (
        <p className="reminder-set">{t('book.reminder.set', { to: reminders.map((r) => r.masked).join(', ') })}</p>
      ) : null}
      <h2>{t('book.done.next')}</h2>
      <p>{t('book.done.nextBody', { minutes: service?.earlyCheckInMinutes ?? 0, grace: service?.graceMinutes ?? 0 })}</p>
      <QrCode value={a.code} label={t('book.done.qr', { code: a.code })} />
      <ul className="link-list">
        <li>
          <a href={calendarHref(a.code)} download="appointment.ics">
            {t('book.done.calendar')}
          </a>
        </li>
        <li>
          <a href={`/book/manage/${encodeURIComponent(a.code)}?lang=${lang}`}>{t('book.done.manage')}</a>
        </li>
      </ul>
    </main>
  );
}

/** The manage page: the code, the details, and for a booking still ahead "move" and "cancel". */
export function Manage({ a, t, lang, fallback, busy, onMove, onCancel }: Shown & { busy: boolean; onMove(): void; onCancel(): void }) {
  return (
    <>
      <p className="code-line">
        {t('book.done.code')}: <strong>{a.code}</strong>
      </p>
      <Details a={a} t={t} lang={lang} fallback={fallback} />
      {a.state === 'booked' ? (
        <div className="actions">
          <BusyButton type="button" className="primary" busy={busy} onClick={onMove}>
            {t('book.manage.move')}
          </BusyButton>
          <button type="button" className="danger" onClick={onCancel}>
            {t('book.manage.cancel')}
          </button>
        </div>
      ) : (
        <p className="note">{t(`book.state.${a.state}` as StatusKey)}</p>
      )}
      <p>
        <a href={calendarHref(a.code)} download="appointment.ics">
          {t('book.done.calendar')}
        </a>
      </p>
    </>
  );
}

/** "Cancel this appointment?": yes, or back to the manage page. */
export function Cancel({ a, t, lang, fallback, busy, onYes, onNo }: Shown & { busy: boolean; onYes(): void; onNo(): void }) {
  return (
    <>
      <Details a={a} t={t} lang={lang} fallback={fallback} />
      <div className="actions">
        <BusyButton type="button" className="danger" busy={busy} onClick={onYes}>
          {t('book.cancel.yes')}
        </BusyButton>
        <button type="button" onClick={onNo}>
          {t('book.cancel.no')}
        </button>
      </div>
    </>
  );
}

/** The appointment is cancelled: its code, and a link to book again. */
export function Cancelled({ code, t, lang }: { code: string; t: T; lang: Language }) {
  return (
    <>
      <p>{t('book.cancelled.body', { code })}</p>
      <p>
        <a href={`/book?lang=${lang}`}>{t('book.cancelled.again')}</a>
      </p>
    </>
  );
}
