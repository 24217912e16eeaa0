import { z } from 'zod';
import { LocalDate } from './config.js';

/** Statistics and visitor feedback: query parameters (validated at the boundary) and answers. Times in ms. */

const Id = z.string().min(1).max(40);
const MAX_RANGE_DAYS = 400;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

const rangeFields = {
  /** First hall-local date, inclusive (YYYY-MM-DD); default: the last 30 days up to today. */
  from: LocalDate.optional(),
  /** Last hall-local date, inclusive. */
  to: LocalDate.optional(),
  organisationId: Id.optional(),
  serviceId: Id.optional(),
  counterId: Id.optional(),
  userId: z.coerce.number().int().positive().optional(),
  format: z.enum(['json', 'csv']).default('json'),
};

function checkRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to) {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: '"from" must not be after "to"' });
    else if (dayNumber(q.to) - dayNumber(q.from) + 1 > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a range covers at most ${MAX_RANGE_DAYS} days` });
    }
  }
}

export const StatsQuery = z.strictObject(rangeFields).superRefine(checkRange);
export type StatsQuery = z.infer<typeof StatsQuery>;

export const VisitsQuery = z
  .strictObject({
    ...rangeFields,
    page: z.coerce.number().int().min(1).default(1),
    /** Up to 1,000 rows per page as JSON, 100,000 as CSV. */
    pageSize: z.coerce.number().int().min(1).max(100_000).default(100),
  })
  .superRefine(checkRange)
  .superRefine((q, ctx) => {
    if (q.format === 'json' && q.pageSize > 1000) {
      ctx.addIssue({ code: 'custom', path: ['pageSize'], message: 'at most 1000 rows per page as JSON (100000 as CSV)' });
    }
  });
export type VisitsQuery = z.infer<typeof VisitsQuery>;

export const LiveQuery = z.strictObject({ organisationId: Id.optional(), serviceId: Id.optional(), format: z.enum(['json', 'csv']).default('json') });
export type LiveQuery = z.infer<typeof LiveQuery>;

export const FeedbackRequest = z.strictObject({
  rating: z.number().int().min(1, 'a rating from 1 to 5').max(5, 'a rating from 1 to 5'),
  comment: z.string().trim().max(500).optional(),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

/** The figures of a set of visits. Means are null when nothing was measured; rates are shares 0..1. */
export interface StatsFigures {
  visits: number;
  called: number;
  /** First call − issue (a transfer keeps the original issue time). */
  meanWaitMs: number | null;
  maxWaitMs: number | null;
  /** Start − call of the last leg. */
  meanWalkMs: number | null;
  /** Finish − start of the last leg, of finished visits. */
  meanTransactionMs: number | null;
  /** Called within the service's target / (called + abandoned before a call). */
  serviceLevel: number | null;
  done: number;
  noShows: number;
  /** No-shows / called. */
  noShowRate: number | null;
  /** Cancelled by the visitor, or never called by closing. */
  abandoned: number;
  cancelled: number;
  expired: number;
  /** Abandoned / visits. */
  abandonmentRate: number | null;
  /** Finished with outcome `resolved` and no transfer / finished. */
  firstContactResolution: number | null;
  transfers: number;
  transferredVisits: number;
  recalls: number;
  /** Queues of visits: the first one plus one per transfer; wait of a leg = its call − its queueing. */
  legs: number;
  meanLegWaitMs: number | null;
  /**
   * Visitor ratings: null when not shown (a counter or staff member, or no service's day in the group has at least 5
   * finished visits); only whole service-days with at least 5 finished visits count (see GET /stats/feedback).
   */
  ratings: number | null;
  meanRating: number | null;
}

export interface CounterTime {
  counterId: string;
  userId: number | null;
  userName: string | null;
  openMs: number;
  /** Time with a visitor on call or being served (call → finish, no-show or transfer). */
  servingMs: number;
  pausedMs: number;
  pausedByReason: Record<string, number>;
  /** Open − paused − serving. */
  idleMs: number;
}

export interface StatsSummary {
  from: string;
  to: string;
  totals: StatsFigures;
  byService: (StatsFigures & { serviceId: string; organisationId: string | null; targetMinutes: number })[];
  byCounter: (StatsFigures & { counterId: string | null })[];
  byStaff: (StatsFigures & { userId: number | null; userName: string | null })[];
  counters: CounterTime[];
}

export interface DailyRow extends StatsFigures {
  date: string;
}

export interface HeatmapCell {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  hour: number;
  arrivals: number;
  /** Arrivals per day of that weekday in the range. */
  meanArrivals: number;
  meanWaitMs: number | null;
}

export interface VisitLeg {
  serviceId: string;
  counterId: string | null;
  userId: number | null;
  queuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  end: string | null;
  waitMs: number | null;
}

/** One visit of the raw list. Feedback is left out on purpose: ratings stay anonymous (see GET /stats/feedback). */
export interface VisitRow {
  ticketId: number;
  date: string;
  serviceId: string;
  firstServiceId: string;
  counterId: string | null;
  userId: number | null;
  state: string;
  issuedAt: number;
  firstCalledAt: number | null;
  waitMs: number | null;
  walkMs: number | null;
  transactionMs: number | null;
  finishedAt: number | null;
  outcome: string | null;
  transfers: number;
  recalls: number;
  noShows: number;
  withinTarget: boolean | null;
  demo: boolean;
  legs: VisitLeg[];
}

export interface VisitPage {
  page: number;
  pageSize: number;
  total: number;
  visits: VisitRow[];
}

export interface LiveStats {
  date: string;
  now: number;
  tickets: number;
  waitingNow: number;
  inServiceNow: number;
  done: number;
  meanWaitMs: number | null;
  /** Of visits decided so far: called, abandoned, or still waiting beyond the target. */
  serviceLevel: number | null;
  /** How long the visitor waiting longest has waited since being issued; null when nobody waits. */
  longestWaitMs: number | null;
  /** Counters open now (paused ones included), among those serving the reader's services. */
  countersOpen: number;
  countersPaused: number;
  byService: { serviceId: string; tickets: number; waitingNow: number; meanWaitMs: number | null; serviceLevel: number | null; longestWaitMs: number | null }[];
}

/** Ratings of a group; all null when the group is not shown (too few finished visits, or a counter or staff member). */
export interface FeedbackSlice {
  ratings: number | null;
  meanRating: number | null;
  /** Count of ratings 1..5 (index 0 is rating 1). */
  distribution: [number, number, number, number, number] | null;
}

/** A band of waiting time: from ≤ wait < to minutes (to null: open-ended). */
export interface WaitBand {
  fromMinutes: number;
  toMinutes: number | null;
}

/**
 * Comments are anonymous: the day and service only (never the time, ticket, counter, staff member or exact wait),
 * and the wait band only when at least `minFinishedVisits` finished visits of that day and service share it.
 */
export interface FeedbackComment {
  date: string;
  rating: number;
  comment: string;
  serviceId: string;
  waitBand: WaitBand | null;
}

export interface FeedbackStats extends FeedbackSlice {
  from: string;
  to: string;
  /** Ratings and comments count only for a service's day with at least this many finished visits. */
  minFinishedVisits: number;
  /** The query named a counter or staff member: feedback is never broken down by either, so none is given. */
  notByCounterOrStaff: boolean;
  byService: (FeedbackSlice & { serviceId: string })[];
  comments: FeedbackComment[];
}

/**
 * How well the waits promised at issue held (issue 16). Error = actual wait − promised wait (positive: called later
 * than promised), over visits that were called and had a promise. Quantiles interpolate linearly between ranks.
 */
export interface EstimateErrorFigures {
  /** Visits called that had a promised wait. */
  promises: number;
  /** Median of |error|. */
  medianAbsErrorMs: number | null;
  /** 90th percentile of |error|. */
  p90AbsErrorMs: number | null;
  /** Mean error (signed): positive when visitors are called later than promised on average. */
  meanErrorMs: number | null;
  /** Share called more than 5 minutes later than promised. */
  lateShare: number | null;
  /** Share called more than 5 minutes earlier than promised. */
  earlyShare: number | null;
  /** Tickets with a promise that were never called (expired at the end of the day). */
  neverCalled: number;
}

export interface EstimateAccuracy {
  from: string;
  to: string;
  totals: EstimateErrorFigures;
  byService: (EstimateErrorFigures & { serviceId: string })[];
  /** By hall-local hour of issue. */
  byHour: (EstimateErrorFigures & { hour: number })[];
  byDay: (EstimateErrorFigures & { date: string })[];
}

/** One estimate told to a visitor (GET /tickets/:id/promises). */
export interface TicketPromise {
  at: number;
  /** Minutes until the call as shown; null when "no estimate" was shown. */
  minutes: number | null;
  source: 'issue' | 'status';
}
