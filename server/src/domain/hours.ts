import type { Availability, Closure, OpeningSpan, WeeklyHours } from '../protocol/index.js';
import { addDays, localParts, minutesOf, weekdayOf, zonedInstant } from './time.js';

/** Opening hours, closures, cut-off and daily cap: can a ticket be taken now? */

export interface ScheduleInput {
  hours: WeeklyHours;
  closures: readonly Closure[];
  cutoffMinutes: number;
  dailyCap: number | undefined;
  timeZone: string;
}

export interface DayState {
  /** Tickets issued for this service today. */
  issuedToday: number;
  /** A supervisor stopped new tickets for today. */
  stoppedToday: boolean;
}

const LOOKAHEAD_DAYS = 14;

export function availability(s: ScheduleInput, day: DayState, now: number): Availability {
  const here = localParts(now, s.timeZone);
  const span = isClosedOn(s, here.date) ? undefined : spansOn(s, here.date).find((x) => inSpan(x, here.minutes));
  if (!span) return { state: 'closed', nextOpenAt: nextOpening(s, now) };
  const closeMin = minutesOf(span.close);
  const nextOpenAt = () => nextOpening(s, zonedInstant(here.date, closeMin, s.timeZone));
  if (day.stoppedToday) return { state: 'stopped', nextOpenAt: firstOpeningFrom(s, addDays(here.date, 1)) };
  if (s.dailyCap !== undefined && day.issuedToday >= s.dailyCap) {
    return { state: 'cap-reached', nextOpenAt: firstOpeningFrom(s, addDays(here.date, 1)) };
  }
  if (s.cutoffMinutes > 0 && closeMin - here.minutes <= s.cutoffMinutes && !continuesPastMidnight(s, here.date, span)) {
    return { state: 'cutoff', nextOpenAt: nextOpenAt() };
  }
  const closesAt = continuesPastMidnight(s, here.date, span) ? null : zonedInstant(here.date, closeMin, s.timeZone);
  return { state: 'open', closesAt };
}

/** When the opening span `now` lies in ends (today's closing); null when closed now or open on past midnight. */
export function closingTime(s: ScheduleInput, now: number): number | null {
  const here = localParts(now, s.timeZone);
  const span = isClosedOn(s, here.date) ? undefined : spansOn(s, here.date).find((x) => inSpan(x, here.minutes));
  if (!span || continuesPastMidnight(s, here.date, span)) return null;
  return zonedInstant(here.date, minutesOf(span.close), s.timeZone);
}

/**
 * Will a visitor expected to be called `minutes` from `now` probably not be reached before the service closes? Then
 * the answer says when to come back (the next opening after closing, null when none within two weeks); otherwise
 * null (also when there is no estimate, or the service is not closing: nothing is promised either way).
 */
export function notReachedToday(s: ScheduleInput, now: number, minutes: number | null): { comeBackAt: number | null } | null {
  if (minutes === null) return null;
  const closes = closingTime(s, now);
  if (closes === null || now + minutes * 60_000 <= closes) return null;
  return { comeBackAt: nextOpening(s, closes) };
}

/** The next instant strictly after `after` at which the schedule opens, within two weeks; null if none. */
export function nextOpening(s: ScheduleInput, after: number): number | null {
  const start = localParts(after, s.timeZone);
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const date = addDays(start.date, i);
    if (isClosedOn(s, date)) continue;
    const spans = [...spansOn(s, date)].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
    for (const span of spans) {
      const open = minutesOf(span.open);
      if (i === 0 && open <= start.minutes) continue;
      if (open === 0 && isOpenAtEndOf(s, addDays(date, -1))) continue; // continuous across midnight
      return zonedInstant(date, open, s.timeZone);
    }
  }
  return null;
}

/**
 * The first opening on or after local `date`. Unlike nextOpening, a span continuing from the day before counts:
 * a stop or a daily cap ends at local midnight, so an always-open service takes tickets again at 00:00.
 */
function firstOpeningFrom(s: ScheduleInput, date: string): number | null {
  for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
    const day = addDays(date, i);
    if (isClosedOn(s, day)) continue;
    const first = Math.min(...spansOn(s, day).map((x) => minutesOf(x.open)));
    if (Number.isFinite(first)) return zonedInstant(day, first, s.timeZone);
  }
  return null;
}

function spansOn(s: ScheduleInput, date: string): readonly OpeningSpan[] {
  return s.hours[weekdayOf(date)];
}

function isClosedOn(s: ScheduleInput, date: string): boolean {
  return s.closures.some((c) => c.date === date);
}

function inSpan(span: OpeningSpan, minutes: number): boolean {
  return minutesOf(span.open) <= minutes && minutes < minutesOf(span.close);
}

function isOpenAtEndOf(s: ScheduleInput, date: string): boolean {
  return !isClosedOn(s, date) && spansOn(s, date).some((x) => x.close === '24:00');
}

function continuesPastMidnight(s: ScheduleInput, date: string, span: OpeningSpan): boolean {
  if (span.close !== '24:00') return false;
  const next = addDays(date, 1);
  return !isClosedOn(s, next) && spansOn(s, next).some((x) => x.open === '00:00');
}
