import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIN_FINISHED_VISITS, bandIndex, ratingSlice, waitBand, type RatingCell } from './feedbackPrivacy.js';
import { bandSql } from '../store/statsSql.js';

const MIN = 60_000;
const cell = (date: string, serviceId: string, done: number, ratings: number[]): RatingCell => {
  const distribution: RatingCell['distribution'] = [0, 0, 0, 0, 0];
  for (const r of ratings) distribution[r - 1] = (distribution[r - 1] ?? 0) + 1;
  return { date, serviceId, done, ratings: ratings.length, ratingSum: ratings.reduce((a, b) => a + b, 0), distribution };
};

describe('feedback privacy rules', () => {
  it('the SQL wait band is the same as the one in code, at every boundary', () => {
    const db = new Database(':memory:');
    const band = db.prepare<{ w: number }, { b: number }>(`SELECT ${bandSql('@w')} AS b`);
    for (const ms of [0, 1, 5 * MIN - 1, 5 * MIN, 15 * MIN - 1, 15 * MIN, 30 * MIN, 60 * MIN - 1, 60 * MIN, 600 * MIN]) {
      expect([ms, band.get({ w: ms })?.b]).toEqual([ms, bandIndex(ms)]);
    }
    db.close();
    expect(waitBand(bandIndex(7 * MIN))).toEqual({ fromMinutes: 5, toMinutes: 15 });
    expect(waitBand(bandIndex(90 * MIN))).toEqual({ fromMinutes: 60, toMinutes: null });
  });

  it('ratings count only from service-days with enough finished visits; with none of those they are hidden', () => {
    const open = cell('2026-03-03', 'identity', MIN_FINISHED_VISITS, [5, 4]);
    const closed = cell('2026-03-03', 'residence', MIN_FINISHED_VISITS - 1, [1]);
    expect(ratingSlice([open, closed])).toEqual({ ratings: 2, meanRating: 4.5, distribution: [0, 0, 0, 1, 1] });
    expect(ratingSlice([open, closed], (c) => c.serviceId === 'residence')).toEqual({ ratings: null, meanRating: null, distribution: null });
    expect(ratingSlice([cell('2026-03-04', 'identity', 9, [])])).toEqual({ ratings: 0, meanRating: null, distribution: [0, 0, 0, 0, 0] });
  });
});
