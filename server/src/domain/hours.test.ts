import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type WeeklyHours } from '../protocol/index.js';
import { availability, closingTime, nextOpening, notReachedToday, type DayState, type ScheduleInput } from './hours.js';

const HEL = 'Europe/Helsinki';

const WEEK: WeeklyHours = {
  mon: [{ open: '08:00', close: '17:00' }],
  tue: [{ open: '08:00', close: '17:00' }],
  wed: [{ open: '08:00', close: '17:00' }],
  thu: [{ open: '08:00', close: '18:00' }],
  fri: [{ open: '08:00', close: '13:00' }],
  sat: [],
  sun: [],
};

const NORMAL_DAY: DayState = { issuedToday: 0, stoppedToday: false };

function schedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return { hours: WEEK, closures: [], cutoffMinutes: 0, dailyCap: undefined, timeZone: HEL, ...overrides };
}

// Mid-March 2026 Helsinki is UTC+2: Monday 16 March 08:00 local is 06:00 UTC.
// Summer time starts Sunday 29 March: Monday 30 March 08:00 local is 05:00 UTC.
const winter = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 2, day, hour - 2, minute);
const summer = (month: number, day: number, hour: number, minute = 0): number => Date.UTC(2026, month - 1, day, hour - 3, minute);

describe('weekly hours', () => {
  it('is open at 08:00 sharp on a Monday and says it closes at 17:00', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(16, 8))).toEqual({ state: 'open', closesAt: winter(16, 17) });
  });

  it('is closed one minute before opening and opens at 08:00 the same day', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(16, 7, 59))).toEqual({ state: 'closed', nextOpenAt: winter(16, 8) });
  });

  it('is still open at 16:59 and closed at 17:00 sharp on a Wednesday', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(18, 16, 59)).state).toBe('open');
    expect(availability(schedule(), NORMAL_DAY, winter(18, 17))).toEqual({ state: 'closed', nextOpenAt: winter(19, 8) });
  });

  it('stays open until 18:00 on a Thursday', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(19, 17, 30))).toEqual({ state: 'open', closesAt: winter(19, 18) });
    expect(availability(schedule(), NORMAL_DAY, winter(19, 18)).state).toBe('closed');
  });

  it('closes at 13:00 on a Friday', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(20, 12, 59))).toEqual({ state: 'open', closesAt: winter(20, 13) });
    expect(availability(schedule(), NORMAL_DAY, winter(20, 13)).state).toBe('closed');
  });

  it('on a Friday evening the next opening is Monday 08:00', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(20, 19))).toEqual({ state: 'closed', nextOpenAt: winter(23, 8) });
  });

  it('on the Friday evening before summer time starts the next opening is Monday 08:00 summer time', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(27, 19))).toEqual({ state: 'closed', nextOpenAt: summer(3, 30, 8) });
  });

  it('is closed all weekend, including the night of the clock change', () => {
    expect(availability(schedule(), NORMAL_DAY, winter(21, 10))).toEqual({ state: 'closed', nextOpenAt: winter(23, 8) });
    for (const at of [winter(28, 10), winter(28, 23, 59), Date.UTC(2026, 2, 29, 1, 0), summer(3, 29, 12)]) {
      expect(availability(schedule(), NORMAL_DAY, at)).toEqual({ state: 'closed', nextOpenAt: summer(3, 30, 8) });
    }
  });

  it('a public holiday is skipped: after Maundy Thursday the next opening is the Tuesday after Easter', () => {
    const easter = schedule({ closures: [{ date: '2026-04-03' }, { date: '2026-04-06' }] });
    expect(availability(easter, NORMAL_DAY, summer(4, 2, 18))).toEqual({ state: 'closed', nextOpenAt: summer(4, 7, 8) });
    expect(availability(easter, NORMAL_DAY, summer(4, 3, 10))).toEqual({ state: 'closed', nextOpenAt: summer(4, 7, 8) });
  });

  it('a closure on another date does not affect today', () => {
    const s = schedule({ closures: [{ date: '2026-04-03' }] });
    expect(availability(s, NORMAL_DAY, summer(4, 2, 10)).state).toBe('open');
  });

  it('a lunch break closes between two spans and the next opening is after lunch', () => {
    const s = schedule({
      hours: { ...WEEK, mon: [{ open: '13:00', close: '16:00' }, { open: '08:00', close: '12:00' }] },
    });
    expect(availability(s, NORMAL_DAY, winter(16, 11))).toEqual({ state: 'open', closesAt: winter(16, 12) });
    expect(availability(s, NORMAL_DAY, winter(16, 12, 30))).toEqual({ state: 'closed', nextOpenAt: winter(16, 13) });
    expect(availability(s, NORMAL_DAY, winter(16, 13))).toEqual({ state: 'open', closesAt: winter(16, 16) });
  });
});

describe('cut-off, cap and stop', () => {
  it('stops taking tickets 15 minutes before closing with a 15-minute cut-off', () => {
    const s = schedule({ cutoffMinutes: 15 });
    expect(availability(s, NORMAL_DAY, winter(16, 16, 44)).state).toBe('open');
    expect(availability(s, NORMAL_DAY, winter(16, 16, 45))).toEqual({ state: 'cutoff', nextOpenAt: winter(17, 8) });
    expect(availability(s, NORMAL_DAY, winter(16, 16, 59))).toEqual({ state: 'cutoff', nextOpenAt: winter(17, 8) });
    expect(availability(s, NORMAL_DAY, winter(16, 17)).state).toBe('closed');
  });

  it('the cut-off before lunch points to the afternoon opening', () => {
    const s = schedule({
      cutoffMinutes: 15,
      hours: { ...WEEK, mon: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }] },
    });
    expect(availability(s, NORMAL_DAY, winter(16, 11, 50))).toEqual({ state: 'cutoff', nextOpenAt: winter(16, 13) });
  });

  it('reports cap-reached once the daily cap of tickets is issued, reopening the next working day', () => {
    const s = schedule({ dailyCap: 100 });
    expect(availability(s, { issuedToday: 99, stoppedToday: false }, winter(20, 10)).state).toBe('open');
    expect(availability(s, { issuedToday: 100, stoppedToday: false }, winter(20, 10))).toEqual({
      state: 'cap-reached',
      nextOpenAt: winter(23, 8),
    });
  });

  it('reports stopped when a supervisor stopped new tickets today, reopening the next working day', () => {
    expect(availability(schedule(), { issuedToday: 3, stoppedToday: true }, winter(16, 9))).toEqual({
      state: 'stopped',
      nextOpenAt: winter(17, 8),
    });
  });

  it('a stopped service stays stopped for the rest of the day even with an afternoon span', () => {
    const s = schedule({ hours: { ...WEEK, mon: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }] } });
    expect(availability(s, { issuedToday: 0, stoppedToday: true }, winter(16, 9))).toEqual({
      state: 'stopped',
      nextOpenAt: winter(17, 8),
    });
  });

  it('outside opening hours a stopped service is simply closed', () => {
    expect(availability(schedule(), { issuedToday: 0, stoppedToday: true }, winter(16, 18)).state).toBe('closed');
  });
});

describe('always open', () => {
  it('is open at any instant with no closing time, through both clock changes', () => {
    const s = schedule({ hours: ALWAYS_OPEN, cutoffMinutes: 30 });
    const instants = [
      winter(16, 0),
      winter(16, 23, 59),
      winter(20, 19),
      winter(28, 23, 59),
      Date.UTC(2026, 2, 29, 0, 59),
      Date.UTC(2026, 2, 29, 1, 0),
      Date.UTC(2026, 9, 25, 0, 30),
      Date.UTC(2026, 9, 25, 1, 30),
      Date.UTC(2026, 11, 31, 21, 59),
    ];
    for (const at of instants) {
      expect(availability(s, NORMAL_DAY, at), new Date(at).toISOString()).toEqual({ state: 'open', closesAt: null });
    }
  });

  it('an always-open service closes at midnight before a holiday and reopens at midnight after it', () => {
    const s = schedule({ hours: ALWAYS_OPEN, closures: [{ date: '2026-12-25' }] });
    const midnight24 = Date.UTC(2026, 11, 24, 22, 0);
    const midnight25 = Date.UTC(2026, 11, 25, 22, 0);
    expect(availability(s, NORMAL_DAY, midnight24 - 60_000)).toEqual({ state: 'open', closesAt: midnight24 });
    expect(availability(s, NORMAL_DAY, midnight24)).toEqual({ state: 'closed', nextOpenAt: midnight25 });
  });

  it('an always-open service that reached its daily cap takes tickets again from local midnight', () => {
    const s = schedule({ hours: ALWAYS_OPEN, dailyCap: 10 });
    expect(availability(s, { issuedToday: 10, stoppedToday: false }, winter(16, 15))).toEqual({
      state: 'cap-reached',
      nextOpenAt: winter(17, 0),
    });
  });

  it('an always-open service stopped for today takes tickets again from local midnight', () => {
    const s = schedule({ hours: ALWAYS_OPEN });
    expect(availability(s, { issuedToday: 0, stoppedToday: true }, summer(3, 29, 12))).toEqual({
      state: 'stopped',
      nextOpenAt: summer(3, 30, 0),
    });
  });
});

describe('nextOpening', () => {
  it('is strictly after the given instant', () => {
    expect(nextOpening(schedule(), winter(16, 8))).toBe(winter(17, 8));
    expect(nextOpening(schedule(), winter(16, 8) - 1)).toBe(winter(16, 8));
  });

  it('is null when nothing opens within two weeks', () => {
    const never = schedule({ hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(nextOpening(never, winter(16, 8))).toBeNull();
    expect(availability(never, NORMAL_DAY, winter(16, 8))).toEqual({ state: 'closed', nextOpenAt: null });
  });

  it('finds an opening exactly two weeks ahead but not beyond', () => {
    const dates = Array.from({ length: 14 }, (_, i) => ({ date: `2026-03-${String(16 + i).padStart(2, '0')}` }));
    const s = schedule({ closures: dates });
    // Closed 16–29 March; Monday 30 March is day 14 of the look-ahead.
    expect(nextOpening(s, winter(16, 7))).toBe(summer(3, 30, 8));
    const s2 = schedule({ closures: [...dates, { date: '2026-03-30' }] });
    expect(nextOpening(s2, winter(16, 7))).toBeNull();
  });
});

describe('never promise what the day cannot give', () => {
  it('a wait that ends after closing is "probably not today", with the next opening to come back at', () => {
    // Monday 16 March 16:20: closes at 17:00, 40 minutes left.
    expect(closingTime(schedule(), winter(16, 16, 20))).toBe(winter(16, 17));
    expect(notReachedToday(schedule(), winter(16, 16, 20), 40)).toBeNull(); // called at 17:00 sharp: still today
    expect(notReachedToday(schedule(), winter(16, 16, 20), 41)).toEqual({ comeBackAt: winter(17, 8) });
    // Friday 20 March closes at 13:00; the next opening is Monday 08:00.
    expect(notReachedToday(schedule(), winter(20, 12, 30), 45)).toEqual({ comeBackAt: winter(23, 8) });
  });

  it('says nothing without an estimate, when closed, or when the service stays open past midnight', () => {
    expect(notReachedToday(schedule(), winter(16, 16, 20), null)).toBeNull();
    expect(notReachedToday(schedule(), winter(16, 18), 500)).toBeNull();
    expect(closingTime(schedule({ hours: ALWAYS_OPEN }), winter(16, 23, 30))).toBeNull();
    expect(notReachedToday(schedule({ hours: ALWAYS_OPEN }), winter(16, 23, 30), 500)).toBeNull();
  });
});
