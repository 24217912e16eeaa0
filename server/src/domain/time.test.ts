import { describe, expect, it } from 'vitest';
import { addDays, localDate, localParts, minutesOf, offsetAt, weekdayOf, zonedInstant } from './time.js';

const HEL = 'Europe/Helsinki';
const HOUR = 3_600_000;

// Helsinki is UTC+2 in winter and UTC+3 in summer. In 2026 summer time starts on Sunday 29 March at 01:00 UTC
// (03:00 local becomes 04:00) and ends on Sunday 25 October at 01:00 UTC (04:00 local becomes 03:00).

describe('localDate and localParts', () => {
  it('21:59 UTC on 28 March is still the 28th in Helsinki, one minute before local midnight', () => {
    const at = Date.UTC(2026, 2, 28, 21, 59);
    expect(localDate(at, HEL)).toBe('2026-03-28');
    expect(localParts(at, HEL)).toEqual({ date: '2026-03-28', weekday: 'sat', minutes: 23 * 60 + 59 });
  });

  it('22:00 UTC on 28 March is already local midnight of Sunday the 29th in Helsinki', () => {
    expect(localParts(Date.UTC(2026, 2, 28, 22, 0), HEL)).toEqual({ date: '2026-03-29', weekday: 'sun', minutes: 0 });
  });

  it('after the spring change local midnight is at 21:00 UTC', () => {
    expect(localParts(Date.UTC(2026, 2, 29, 20, 59), HEL)).toEqual({ date: '2026-03-29', weekday: 'sun', minutes: 1439 });
    expect(localParts(Date.UTC(2026, 2, 29, 21, 0), HEL)).toEqual({ date: '2026-03-30', weekday: 'mon', minutes: 0 });
  });

  it('the local clock jumps from 02:59 to 04:00 at the spring change', () => {
    expect(localParts(Date.UTC(2026, 2, 29, 0, 59), HEL).minutes).toBe(2 * 60 + 59);
    expect(localParts(Date.UTC(2026, 2, 29, 1, 0), HEL).minutes).toBe(4 * 60);
  });

  it('the same instant is a different date in a zone west of UTC', () => {
    const at = Date.UTC(2026, 0, 1, 3, 0);
    expect(localDate(at, 'America/New_York')).toBe('2025-12-31');
    expect(localDate(at, HEL)).toBe('2026-01-01');
    expect(localDate(at, 'UTC')).toBe('2026-01-01');
  });
});

describe('offsetAt', () => {
  it('Helsinki is two hours ahead of UTC in winter and three in summer', () => {
    expect(offsetAt(Date.UTC(2026, 0, 15, 12), HEL)).toBe(2 * HOUR);
    expect(offsetAt(Date.UTC(2026, 2, 29, 0, 59, 59), HEL)).toBe(2 * HOUR);
    expect(offsetAt(Date.UTC(2026, 2, 29, 1, 0), HEL)).toBe(3 * HOUR);
    expect(offsetAt(Date.UTC(2026, 9, 25, 0, 59), HEL)).toBe(3 * HOUR);
    expect(offsetAt(Date.UTC(2026, 9, 25, 1, 0), HEL)).toBe(2 * HOUR);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(offsetAt(Date.UTC(2026, 0, 15, 12, 0, 0, 999), HEL)).toBe(2 * HOUR);
  });
});

describe('zonedInstant', () => {
  it('08:00 local on a winter day is 06:00 UTC, and on a summer day 05:00 UTC', () => {
    expect(zonedInstant('2026-03-27', 8 * 60, HEL)).toBe(Date.UTC(2026, 2, 27, 6, 0));
    expect(zonedInstant('2026-03-30', 8 * 60, HEL)).toBe(Date.UTC(2026, 2, 30, 5, 0));
  });

  it('local midnight of the day of the spring change is 22:00 UTC the day before', () => {
    expect(zonedInstant('2026-03-29', 0, HEL)).toBe(Date.UTC(2026, 2, 28, 22, 0));
  });

  it('24:00 on a day is the next local midnight, even on the 23-hour day of the spring change', () => {
    expect(zonedInstant('2026-03-29', 24 * 60, HEL)).toBe(Date.UTC(2026, 2, 29, 21, 0));
    expect(zonedInstant('2026-03-29', 24 * 60, HEL) - zonedInstant('2026-03-29', 0, HEL)).toBe(23 * HOUR);
  });

  it('round-trips every quarter hour through the spring change', () => {
    const from = Date.UTC(2026, 2, 28, 18, 0);
    const to = Date.UTC(2026, 2, 29, 8, 0);
    for (let at = from; at <= to; at += HOUR / 4) {
      const here = localParts(at, HEL);
      expect(zonedInstant(here.date, here.minutes, HEL), new Date(at).toISOString()).toBe(at);
    }
  });

  it('round-trips every quarter hour through the autumn change outside the repeated hour', () => {
    const from = Date.UTC(2026, 9, 24, 18, 0);
    const to = Date.UTC(2026, 9, 25, 8, 0);
    for (let at = from; at <= to; at += HOUR / 4) {
      const here = localParts(at, HEL);
      if (here.date === '2026-10-25' && here.minutes >= 3 * 60 && here.minutes < 4 * 60) continue; // happens twice
      expect(zonedInstant(here.date, here.minutes, HEL), new Date(at).toISOString()).toBe(at);
    }
  });

  it('a wall time that happens twice in autumn resolves to one of its two instants', () => {
    const at = zonedInstant('2026-10-25', 3 * 60 + 30, HEL);
    expect([Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]).toContain(at);
    expect(localParts(at, HEL)).toMatchObject({ date: '2026-10-25', minutes: 3 * 60 + 30 });
  });

  it('a wall time skipped by the spring change moves forward by the hour', () => {
    const at = zonedInstant('2026-03-29', 3 * 60 + 30, HEL);
    expect(at).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(localParts(at, HEL)).toMatchObject({ date: '2026-03-29', minutes: 4 * 60 + 30 });
  });
});

describe('calendar helpers', () => {
  it('addDays crosses month and year ends and handles leap days', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-27', 3)).toBe('2026-03-30');
  });

  it('weekdayOf names the day of a calendar date', () => {
    expect(weekdayOf('2026-03-27')).toBe('fri');
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-03-30')).toBe('mon');
  });

  it('minutesOf reads HH:MM, including 24:00', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('08:15')).toBe(495);
    expect(minutesOf('24:00')).toBe(1440);
  });
});
