import type { FeedbackSlice, WaitBand } from '../protocol/index.js';

/**
 * Visitor feedback stays anonymous: no rating can be joined to a single visit of the visit list.
 *
 * The smallest group a rating is ever shown for is a service's day (the hall-local date and the visit's service),
 * and only when at least MIN_FINISHED_VISITS visits of that service finished that day ("an open cell"). Every rating
 * figure (count, mean, distribution, per service, per day, in total) is a sum over whole open cells, so subtracting
 * one answer from another (a longer range, another service) leaves whole open cells again, never one visit. Cells
 * with fewer finished visits count nowhere. Ratings are never broken down by counter or staff member: a query that
 * names one gets no rating figures and no comments.
 *
 * A comment shows its rating, its day and service, and its wait band only when at least MIN_FINISHED_VISITS
 * finished visits of that day and service share the band; never its time, ticket, counter or exact wait, and
 * comments of a day are listed in an order that says nothing of when they were written.
 */
export const MIN_FINISHED_VISITS = 5;

/** Lower bounds of the wait bands in minutes; the last band is open-ended. */
export const WAIT_BAND_MINUTES = [0, 5, 15, 30, 60] as const;

/** The index into WAIT_BAND_MINUTES of a wait. */
export function bandIndex(waitMs: number): number {
  let i = 0;
  while (i + 1 < WAIT_BAND_MINUTES.length && waitMs >= (WAIT_BAND_MINUTES[i + 1] ?? Infinity) * 60_000) i++;
  return i;
}

export function waitBand(index: number): WaitBand {
  const next = WAIT_BAND_MINUTES[index + 1];
  return { fromMinutes: WAIT_BAND_MINUTES[index] ?? 0, toMinutes: next ?? null };
}


/** The ratings of one service's day. */
export interface RatingCell {
  date: string;
  serviceId: string;
  done: number;
  ratings: number;
  ratingSum: number;
  distribution: [number, number, number, number, number];
}

export function isOpen(cell: Pick<RatingCell, 'done'>): boolean {
  return cell.done >= MIN_FINISHED_VISITS;
}

/** Nothing shown: the group is too small, or it is a counter or a staff member. */
export const HIDDEN_SLICE: FeedbackSlice = { ratings: null, meanRating: null, distribution: null };

/**
 * The feedback figures of the open cells among `cells` that `pick` selects. When no open cell is picked but a closed
 * one has ratings, the figures are hidden (null) rather than zero, so "no ratings" and "not shown" differ.
 */
export function ratingSlice<C extends RatingCell>(cells: readonly C[], pick: (c: C) => boolean = () => true): FeedbackSlice {
  let ratings = 0;
  let sum = 0;
  let any = false;
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const c of cells) {
    if (!pick(c) || !isOpen(c)) continue;
    any = true;
    ratings += c.ratings;
    sum += c.ratingSum;
    for (let i = 0; i < 5; i++) distribution[i] = (distribution[i] ?? 0) + (c.distribution[i] ?? 0);
  }
  if (!any) return HIDDEN_SLICE;
  return { ratings, meanRating: ratings > 0 ? Math.round((sum / ratings) * 100) / 100 : null, distribution };
}
