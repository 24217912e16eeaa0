import type { FormEvent } from 'react';
import type { AppointmentServiceView } from '@vuoro/server/protocol';
import { ReminderField, type T } from './formParts';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  t: T;
  /** Moving a booking: no name and no reminders to give, only the new time to confirm. */
  moving: boolean;
  service: AppointmentServiceView | undefined;
  serviceName: string;
  day: string;
  time: string | undefined;
  name: string;
  onName(v: string): void;
  remindEmail: string;
  onRemindEmail(v: string): void;
  remindPhone: string;
  onRemindPhone(v: string): void;
  error: { text: string; field: string } | null;
  busy: boolean;
  onSubmit(e: FormEvent): void;
}

/** The booking's check screen: what, when, an optional name, optional reminder addresses, and "Book" (or "Move"). */
export function CheckForm(p: Props) {
  const { t, moving, service, error } = p;
  return (
    <form onSubmit={p.onSubmit} noValidate>
      <dl className="summary">
        <dt>{t('book.field.service')}</dt>
        <dd>{p.serviceName}</dd>
        <dt>{t('book.field.day')}</dt>
        <dd>{p.day}</dd>
        <dt>{t('book.field.time')}</dt>
        <dd>{p.time}</dd>
      </dl>
      {moving ? null : (
        <div className="field">
          <label className="field-label" htmlFor="name">
            {t('book.name.label')}
          </label>
          <p className="hint" id="name-hint">
            {t('book.name.hint')}
          </p>
          <input id="name" type="text" autoComplete="name" maxLength={80} value={p.name} aria-describedby="name-hint" onChange={(e) => p.onName(e.target.value)} />
        </div>
      )}
      {moving || !service || service.reminders.length === 0 ? null : (
        <fieldset className="reminder">
          <legend className="field-label">{t('book.reminder.legend')}</legend>
          <p className="hint" id="reminder-hint">
            {t('book.reminder.hint')}
          </p>
          {service.reminders.includes('email') ? (
            <ReminderField
              id="email"
              type="email"
              label={t('book.reminder.email')}
              value={p.remindEmail}
              onChange={p.onRemindEmail}
              error={error?.field === 'email' ? error.text : null}
            />
          ) : null}
          {service.reminders.includes('sms') ? (
            <ReminderField
              id="phone"
              type="tel"
              label={t('book.reminder.phone')}
              value={p.remindPhone}
              onChange={p.onRemindPhone}
              error={error?.field === 'phone' ? error.text : null}
            />
          ) : null}
        </fieldset>
      )}
      <BusyButton type="submit" className="primary" busy={p.busy} id="confirm">
        {moving ? t('book.check.move') : t('book.check.book')}
      </BusyButton>
    </form>
  );
}
