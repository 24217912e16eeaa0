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
