import type { Availability, Language, ServiceStatus } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/catalogs';

/**
 * "14:30" today, "tomorrow 08:00" (or just "tomorrow" at midnight), "Monday 08:00" within a week, "3 March 08:00"
 * later; in the hall's time zone and the visitor's language.
 */
export function formatOpening(at: number, now: number, lang: Language, timeZone: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return time;
  const days = Math.round((Date.parse(day(at)) - Date.parse(day(now))) / 86_400_000);
  const midnight = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at) === '00:00';
  if (days === 1) {
    const tomorrow = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(1, 'day');
    return midnight ? tomorrow : `${tomorrow} ${time}`;
  }
  const date =
    days < 7
      ? new Intl.DateTimeFormat(lang, { timeZone, weekday: 'long' }).format(at)
      : new Intl.DateTimeFormat(lang, { timeZone, day: 'numeric', month: 'long' }).format(at);
  return `${date} ${time}`;
}

export const UNAVAILABLE_KEY: Record<Exclude<Availability['state'], 'open'>, MessageKey> = {
  closed: 'service.closed',
  cutoff: 'service.cutoff',
  'cap-reached': 'service.capReached',
  stopped: 'service.stopped',
  full: 'service.full',
};

/**
 * The estimate line under a service button. The number is the wait of a ticket taken now (not of the visitors
 * already waiting), and the text says so: with nobody waiting it can still be long when every desk is busy.
 */
export function estimateText(s: ServiceStatus, t: Translate): string {
  if (s.estimatedWaitMinutes === null) return t('service.noEstimate');
  if (s.estimatedWaitMinutes === 0) return t('service.noWait');
  return t('service.estimate', { minutes: s.estimatedWaitMinutes });
}

/**
 * When the next of the visitors already waiting is expected to be called, as the display says it; null when nobody
 * waits or no desk can call them (then the new-ticket line says why).
 */
export function nextCallText(s: ServiceStatus, t: Translate): string | null {
  if (s.waiting === 0 || s.nextCallMinutes === null) return null;
  return s.nextCallMinutes === 0 ? t('service.nextCallNow') : t('service.nextCall', { minutes: s.nextCallMinutes });
}

/** Why a new ticket waits although nobody is waiting; null when that needs no words. */
export function busyText(s: ServiceStatus, t: Translate): string | null {
  return s.waiting === 0 && s.estimatedWaitMinutes !== null && s.estimatedWaitMinutes > 0 ? t('service.busy') : null;
}

/**
 * "We will probably not reach you today. Come back tomorrow 08:00 (, or book an appointment)": shown on a service whose
 * forecast says a ticket taken now would not be called before it closes, before the visitor takes one.
 */
export function notTodayText(comeBackAt: number | null, appointments: boolean, now: number, lang: Language, timeZone: string, t: Translate): string {
  if (comeBackAt === null) return t('service.notTodayNoReopen');
  const when = formatOpening(comeBackAt, now, lang, timeZone);
  return appointments ? t('service.notTodayAppointment', { when }) : t('service.notToday', { when });
}
