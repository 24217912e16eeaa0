import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';
import { counterTimes, figures, NO_VISITS, type PeriodRow } from './figures.js';
import { foldEvent, startVisit, type FoldEvent } from './visitFold.js';

const MIN = 60_000;

describe('statistics arithmetic', () => {
  it('a slice without visits has counts of zero and no means or rates', () => {
    const f = figures(NO_VISITS);
    expect(f).toMatchObject({ visits: 0, meanWaitMs: null, serviceLevel: null, noShowRate: null, firstContactResolution: null, meanRating: null });
  });

  it('counter time is clipped to the range, and a period still running counts up to its end', () => {
    const periods: PeriodRow[] = [
      { counter_id: '1', user_id: 7, kind: 'open', reason: null, started_at: -10 * MIN, ended_at: 50 * MIN },
      { counter_id: '1', user_id: 7, kind: 'paused', reason: 'break', started_at: 20 * MIN, ended_at: 30 * MIN },
      { counter_id: '2', user_id: 8, kind: 'open', reason: null, started_at: 30 * MIN, ended_at: null },
      { counter_id: '2', user_id: 8, kind: 'paused', reason: null, started_at: 55 * MIN, ended_at: null },
    ];
    const rows = counterTimes(periods, new Map([['1|7', 15 * MIN]]), 0, 60 * MIN, new Map([[7, 'Aino']]));
    expect(rows).toEqual([
      { counterId: '1', userId: 7, userName: 'Aino', openMs: 50 * MIN, servingMs: 15 * MIN, pausedMs: 10 * MIN, pausedByReason: { break: 10 * MIN }, idleMs: 25 * MIN },
      { counterId: '2', userId: 8, userName: null, openMs: 30 * MIN, servingMs: 0, pausedMs: 5 * MIN, pausedByReason: { other: 5 * MIN }, idleMs: 25 * MIN },
    ]);
  });

  it('CSV fields with a comma, quote or line break are quoted, quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 0.123456789]])).toBe('a,b\r\n1,0.1235\r\n');
  });

  it('a no-show brought back and served keeps its first call as its wait, and counts once as a no-show', () => {
    const e = (type: string, minute: number, data: Record<string, unknown> | null = null): FoldEvent => ({ type, at: minute * MIN, ticket_id: 1, counter_id: '1', user_id: 2, service_id: 's', data });
    let v = startVisit({ ...e('ticket_issued', 0), counter_id: null }, 's', { localDate: '2026-03-03', weekday: 1, hour: 9, targetMs: 10 * MIN });
    for (const x of [e('ticket_called', 4), e('ticket_no_show', 6), e('ticket_requeued', 8), e('ticket_called', 12), e('ticket_started', 13), e('ticket_finished', 20, { outcome: 'resolved' })]) {
      v = foldEvent(v, x);
    }
    expect(v.visit).toMatchObject({ state: 'done', wait_ms: 4 * MIN, walk_ms: 1 * MIN, transaction_ms: 7 * MIN, no_shows: 1, outcome: 'resolved' });
    expect(v.legs).toEqual([expect.objectContaining({ called_at: 4 * MIN, last_called_at: 12 * MIN, ended_at: 20 * MIN, end_kind: 'finished' })]);
  });
});
