import type { Weekday } from '../protocol/index.js';

/** Calendar arithmetic in the hall's time zone. Pure: the instant is always passed in. */

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/**
 * The wall clock is read to the second, so one reading serves every question about the same second: an issue asks
 * "what day is it in the hall" several times with one `now`, and Intl's formatToParts is the costly part of each.
 * A memo of recent seconds (the same answer for the same input: still pure), bounded.
 */
const recentWallClocks = new Map<string, WallClock>();
const RECENT_WALL_CLOCKS = 512;

function wallClock(at: number, timeZone: string): WallClock {
  const key = `${timeZone} ${Math.floor(at / 1000)}`;
  const known = recentWallClocks.get(key);
  if (known) return known;
  const parts: Record<string, number> = {};
  for (const p of formatFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const w: WallClock = { y: parts.year ?? 0, mo: parts.month ?? 1, d: parts.day ?? 1, h: parts.hour ?? 0, mi: parts.minute ?? 0, s: parts.second ?? 0 };
  if (recentWallClocks.size >= RECENT_WALL_CLOCKS) recentWallClocks.clear();
  recentWallClocks.set(key, w);
  return w;
}

export function localParts(at: number, timeZone: string): LocalParts {
  const w = wallClock(at, timeZone);
  const date = `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  return { date, weekday: weekdayOf(date), minutes: w.h * 60 + w.mi };
}

export function localDate(at: number, timeZone: string): string {
  return localParts(at, timeZone).date;
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? 'mon';
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The instant at which the hall's wall clock shows `minutes` after midnight on `date`. */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const asUtc = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + minutes * MINUTE;
  let guess = asUtc - offsetAt(asUtc, timeZone);
  // Second pass settles instants near a daylight-saving change.
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

/** Milliseconds the hall's wall clock is ahead of UTC at `at`. */
export function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const wall = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return wall - Math.floor(at / 1000) * 1000;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const durations = { MINUTE, DAY };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
