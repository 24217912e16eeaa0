import type { Availability, Language, ServiceStatus } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/catalogs';

/** "14:30" today, "Monday 08:00" within a week, "3 March 08:00" later; in the hall's time zone. */
export function formatOpening(at: number, now: number, lang: Language, timeZone: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return time;
  const sixDays = 6 * 24 * 3600 * 1000;
  const date =
    at - now < sixDays
      ? new Intl.DateTimeFormat(lang, { timeZone, weekday: 'long' }).format(at)
      : new Intl.DateTimeFormat(lang, { timeZone, day: 'numeric', month: 'long' }).format(at);
  return `${date} ${time}`;
}

export const UNAVAILABLE_KEY: Record<Exclude<Availability['state'], 'open'>, MessageKey> = {
  closed: 'service.closed',
  cutoff: 'service.cutoff',
  'cap-reached': 'service.capReached',
  stopped: 'service.stopped',
};

/** The estimate line under a service button. */
export function estimateText(s: ServiceStatus, t: Translate): string {
  if (s.estimatedWaitMinutes === null) return t('service.noEstimate');
  if (s.estimatedWaitMinutes === 0) return t('service.noWait');
  return t('service.estimate', { minutes: s.estimatedWaitMinutes });
}
