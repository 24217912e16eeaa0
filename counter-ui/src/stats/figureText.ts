import type { Translate } from '../i18n/i18n.js';
import { hours, minutes, percent } from './statsQuery.js';

/** Figures as text in the reader's language; "not measured" rather than a misleading zero. */
export function minutesText(t: Translate, language: string, ms: number | null): string {
  const m = minutes(ms);
  return m === null ? t('stats.none') : t('stats.minutes', { n: m.toLocaleString(language) });
}

export function percentText(t: Translate, language: string, share: number | null): string {
  const p = percent(share);
  return p === null ? t('stats.none') : t('stats.percent', { n: p.toLocaleString(language) });
}

export function hoursText(t: Translate, language: string, ms: number): string {
  return t('stats.hours', { n: hours(ms).toLocaleString(language) });
}

export function ratingText(t: Translate, language: string, mean: number | null): string {
  return mean === null ? t('stats.none') : t('stats.rating', { n: (Math.round(mean * 10) / 10).toLocaleString(language) });
}

/** One date-time format on every statistics screen, like the ISO dates of the period and the charts: "2026-11-27 14:33". */
export function dateTimeText(at: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Rows per service in the hall's order of services (the kiosk's and the display's), whatever order the server sent. */
export function inHallOrder<T extends { serviceId: string }>(rows: readonly T[], services: readonly { id: string }[]): T[] {
  const rank = new Map(services.map((s, i) => [s.id, i]));
  return [...rows].sort((a, b) => (rank.get(a.serviceId) ?? Infinity) - (rank.get(b.serviceId) ?? Infinity) || a.serviceId.localeCompare(b.serviceId));
}
