/** The period and filters of the Statistics screen, and the query string the stats routes take. */

export type Period = 'day' | 'week' | 'month' | 'custom';

export interface StatsFilter {
  period: Period;
  /** Used when the period is custom (YYYY-MM-DD, hall-local). */
  from: string;
  to: string;
  organisationId: string;
  serviceId: string;
  counterId: string;
  userId: string;
}

/** Today's date in the hall's time zone, YYYY-MM-DD. */
export function hallToday(timeZone: string, now = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '01';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return t.toISOString().slice(0, 10);
}

/** Day: today; week: the last 7 days; month: the last 30 days; custom: as entered. */
export function rangeOf(f: StatsFilter, today: string): { from: string; to: string } {
  switch (f.period) {
    case 'day':
      return { from: today, to: today };
    case 'week':
      return { from: addDays(today, -6), to: today };
    case 'month':
      return { from: addDays(today, -29), to: today };
    case 'custom':
      return { from: f.from || today, to: f.to || today };
  }
}

/** A query of the stats routes; empty values are left out of the path (`path(route, {}, query)`). */
export type StatsQueryParams = Readonly<Record<string, string>>;

/** `from`, `to`, `organisationId`… for the summary, counters, daily, heatmap, visits and feedback routes. */
export function queryOf(f: StatsFilter, today: string): StatsQueryParams {
  const { from, to } = rangeOf(f, today);
  return { from, to, organisationId: f.organisationId, serviceId: f.serviceId, counterId: f.counterId, userId: f.userId };
}

/** The arrivals heat map is of arrivals: it takes no counter or staff member (the server refuses them). */
export function arrivalsQueryOf(f: StatsFilter, today: string): StatsQueryParams {
  return queryOf({ ...f, counterId: '', userId: '' }, today);
}

/** The live view takes only the organisation and service. */
export function liveQueryOf(f: StatsFilter): StatsQueryParams {
  return { organisationId: f.organisationId, serviceId: f.serviceId };
}

/** Minutes with one decimal from milliseconds, or null. */
export function minutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

/** A share 0..1 as a whole percentage, or null. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** Hours with one decimal from milliseconds. */
export function hours(ms: number): number {
  return Math.round(ms / 360_000) / 10;
}
