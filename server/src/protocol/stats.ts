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

/** A rating the visitor gave. */
export const FeedbackReceipt = z.object({ rating: z.number().int(), at: z.number() });
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;

/** GET /tickets/status/:token/feedback: whether the status page should ask, and what was given. */
export const FeedbackStatusView = z.object({ canGive: z.boolean(), given: FeedbackReceipt.nullable() });
export type FeedbackStatusView = z.infer<typeof FeedbackStatusView>;

const Ms = z.number().nullable();

/** The figures of a set of visits. Means are null when nothing was measured; rates are shares 0..1. */
export const StatsFigures = z.object({
  visits: z.number().int(),
  called: z.number().int(),
  /** First call − issue (a transfer keeps the original issue time). */
  meanWaitMs: Ms,
  maxWaitMs: Ms,
  /** Start − call of the last leg. */
  meanWalkMs: Ms,
  /** Finish − start of the last leg, of finished visits. */
  meanTransactionMs: Ms,
  /** Called within the service's target / (called + abandoned before a call). */
  serviceLevel: z.number().nullable(),
  done: z.number().int(),
  noShows: z.number().int(),
  /** No-shows / called. */
  noShowRate: z.number().nullable(),
  /** Cancelled by the visitor, or never called by closing. */
  abandoned: z.number().int(),
  cancelled: z.number().int(),
  expired: z.number().int(),
  /** Abandoned / visits. */
  abandonmentRate: z.number().nullable(),
  /** Finished with outcome `resolved` and no transfer / finished. */
  firstContactResolution: z.number().nullable(),
  transfers: z.number().int(),
  transferredVisits: z.number().int(),
  recalls: z.number().int(),
  /** Queues of visits: the first one plus one per transfer; wait of a leg = its call − its queueing. */
  legs: z.number().int(),
  meanLegWaitMs: Ms,
  /**
   * Visitor ratings: null when not shown (a counter or staff member, or no service's day in the group has at least 5
   * finished visits); only whole service-days with at least 5 finished visits count (see GET /stats/feedback).
   */
  ratings: z.number().int().nullable(),
  meanRating: z.number().nullable(),
});
export type StatsFigures = z.infer<typeof StatsFigures>;

export const CounterTime = z.object({
  counterId: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  openMs: z.number(),
  /** Time with a visitor on call or being served (call → finish, no-show or transfer). */
  servingMs: z.number(),
  pausedMs: z.number(),
  pausedByReason: z.record(z.string(), z.number()),
  /** Open − paused − serving. */
  idleMs: z.number(),
});
export type CounterTime = z.infer<typeof CounterTime>;

export const StatsSummary = z.object({
  from: z.string(),
  to: z.string(),
  totals: StatsFigures,
  byService: z.array(StatsFigures.extend({ serviceId: z.string(), organisationId: z.string().nullable(), targetMinutes: z.number() })),
  byCounter: z.array(StatsFigures.extend({ counterId: z.string().nullable() })),
  byStaff: z.array(StatsFigures.extend({ userId: z.number().int().nullable(), userName: z.string().nullable() })),
  counters: z.array(CounterTime),
});
export type StatsSummary = z.infer<typeof StatsSummary>;

export const DailyRow = StatsFigures.extend({ date: z.string() });
export type DailyRow = z.infer<typeof DailyRow>;

export const HeatmapCell = z.object({
  /** 0 = Monday … 6 = Sunday. */
  weekday: z.number().int(),
  hour: z.number().int(),
  arrivals: z.number().int(),
  /** Arrivals per day of that weekday in the range. */
  meanArrivals: z.number(),
  meanWaitMs: Ms,
});
export type HeatmapCell = z.infer<typeof HeatmapCell>;

export const VisitLeg = z.object({
  serviceId: z.string(),
  counterId: z.string().nullable(),
  userId: z.number().int().nullable(),
  queuedAt: z.number(),
  calledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  end: z.string().nullable(),
  waitMs: Ms,
});
export type VisitLeg = z.infer<typeof VisitLeg>;

/** One visit of the raw list. Feedback is left out on purpose: ratings stay anonymous (see GET /stats/feedback). */
export const VisitRow = z.object({
  ticketId: z.number().int(),
  date: z.string(),
  serviceId: z.string(),
  firstServiceId: z.string(),
  counterId: z.string().nullable(),
  userId: z.number().int().nullable(),
  state: z.string(),
  issuedAt: z.number(),
  firstCalledAt: z.number().nullable(),
  waitMs: Ms,
  walkMs: Ms,
  transactionMs: Ms,
  finishedAt: z.number().nullable(),
  outcome: z.string().nullable(),
  transfers: z.number().int(),
  recalls: z.number().int(),
  noShows: z.number().int(),
  withinTarget: z.boolean().nullable(),
  demo: z.boolean(),
  legs: z.array(VisitLeg),
});
export type VisitRow = z.infer<typeof VisitRow>;

export const VisitPage = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  visits: z.array(VisitRow),
});
export type VisitPage = z.infer<typeof VisitPage>;

export const LiveStats = z.object({
  date: z.string(),
  now: z.number(),
  tickets: z.number().int(),
  waitingNow: z.number().int(),
  inServiceNow: z.number().int(),
  done: z.number().int(),
  meanWaitMs: Ms,
  /** Of visits decided so far: called, abandoned, or still waiting beyond the target. */
  serviceLevel: z.number().nullable(),
  /** How long the visitor waiting longest has waited since being issued; null when nobody waits. */
  longestWaitMs: Ms,
  /** Counters open now (paused ones included), among those serving the reader's services. */
  countersOpen: z.number().int(),
  countersPaused: z.number().int(),
  byService: z.array(
    z.object({
      serviceId: z.string(),
      tickets: z.number().int(),
      waitingNow: z.number().int(),
      meanWaitMs: Ms,
      serviceLevel: z.number().nullable(),
      longestWaitMs: Ms,
    }),
  ),
});
export type LiveStats = z.infer<typeof LiveStats>;

/** Ratings of a group; all null when the group is not shown (too few finished visits, or a counter or staff member). */
export const FeedbackSlice = z.object({
  ratings: z.number().int().nullable(),
  meanRating: z.number().nullable(),
  /** Count of ratings 1..5 (index 0 is rating 1). */
  distribution: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number().int()]).nullable(),
});
export type FeedbackSlice = z.infer<typeof FeedbackSlice>;

/** A band of waiting time: from ≤ wait < to minutes (to null: open-ended). */
export const WaitBand = z.object({ fromMinutes: z.number(), toMinutes: z.number().nullable() });
export type WaitBand = z.infer<typeof WaitBand>;

/**
 * Comments are anonymous: the day and service only (never the time, ticket, counter, staff member or exact wait),
 * and the wait band only when at least `minFinishedVisits` finished visits of that day and service share it.
 */
export const FeedbackComment = z.object({
  date: z.string(),
  rating: z.number().int(),
  comment: z.string(),
  serviceId: z.string(),
  waitBand: WaitBand.nullable(),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

export const FeedbackStats = FeedbackSlice.extend({
  from: z.string(),
  to: z.string(),
  /** Ratings and comments count only for a service's day with at least this many finished visits. */
  minFinishedVisits: z.number().int(),
  /** The query named a counter or staff member: feedback is never broken down by either, so none is given. */
  notByCounterOrStaff: z.boolean(),
  byService: z.array(FeedbackSlice.extend({ serviceId: z.string() })),
  comments: z.array(FeedbackComment),
});
export type FeedbackStats = z.infer<typeof FeedbackStats>;

/**
 * How well the waits promised at issue held (issue 16). Error = actual wait − promised wait (positive: called later
 * than promised), over visits that were called and had a promise. Quantiles interpolate linearly between ranks.
 */
export const EstimateErrorFigures = z.object({
  /** Visits called that had a promised wait. */
  promises: z.number().int(),
  /** Median of |error|. */
  medianAbsErrorMs: Ms,
  /** 90th percentile of |error|. */
  p90AbsErrorMs: Ms,
  /** Mean error (signed): positive when visitors are called later than promised on average. */
  meanErrorMs: Ms,
  /** Share called more than 5 minutes later than promised. */
  lateShare: z.number().nullable(),
  /** Share called more than 5 minutes earlier than promised. */
  earlyShare: z.number().nullable(),
  /** Tickets with a promise that were never called (expired at the end of the day). */
  neverCalled: z.number().int(),
});
export type EstimateErrorFigures = z.infer<typeof EstimateErrorFigures>;

export const EstimateAccuracy = z.object({
  from: z.string(),
  to: z.string(),
  totals: EstimateErrorFigures,
  byService: z.array(EstimateErrorFigures.extend({ serviceId: z.string() })),
  /** By hall-local hour of issue. */
  byHour: z.array(EstimateErrorFigures.extend({ hour: z.number().int() })),
  byDay: z.array(EstimateErrorFigures.extend({ date: z.string() })),
});
export type EstimateAccuracy = z.infer<typeof EstimateAccuracy>;

/** One estimate told to a visitor (GET /tickets/:id/promises). */
export const TicketPromise = z.object({
  at: z.number(),
  /** Minutes until the call as shown; null when "no estimate" was shown. */
  minutes: z.number().nullable(),
  source: z.enum(['issue', 'status']),
});
export type TicketPromise = z.infer<typeof TicketPromise>;

/** GET /stats/staffing: the usual range and organisation/service filters, a weekday and the service-level share. */
export const StaffingQuery = z
  .strictObject({
    from: rangeFields.from,
    to: rangeFields.to,
    organisationId: rangeFields.organisationId,
    serviceId: rangeFields.serviceId,
    format: rangeFields.format,
    /** 0 = Monday … 6 = Sunday. */
    weekday: z.coerce.number().int().min(0).max(6),
    /** The share to be called within each service's target minutes (default 0.8). */
    share: z.coerce.number().min(0.5).max(0.99).default(0.8),
  })
  .superRefine(checkRange);
export type StaffingQuery = z.infer<typeof StaffingQuery>;

/** Counters needed (Erlang C or A, see `method`) against counters open, per service group (organisation) and hour of one weekday. */
export const StaffingRow = z.object({
  /** The organisation whose services share counters; null: services of no organisation. */
  group: z.string().nullable(),
  hour: z.number().int(),
  /** Mean arrivals in that hour on that weekday in the range. */
  arrivalsPerHour: z.number(),
  /** Mean handling time per visit (walk-up + transaction), arrival-weighted over the group's services. */
  handlingMs: z.number().nullable(),
  /** The smallest target minutes among the group's services. */
  targetMinutes: z.number(),
  /** Fewest counters for `share` called within the target by the formula alone (Erlang C or A, variability-corrected). */
  countersFormula: z.number().int(),
  /** The formula's level with `countersFormula`; null without arrivals. */
  serviceLevelFormula: z.number().nullable(),
  /** The advice: the formula's counters, raised where the day check (the hours played in order) falls short. */
  countersNeeded: z.number().int(),
  /** Mean counters open (not paused) serving the group in that hour, over the weekday's days in the range. */
  countersOpen: z.number(),
  /** The level (same model) with the counters open (rounded down to whole counters); null without arrivals. */
  serviceLevelOpen: z.number().nullable(),
  /** The day check's level with `countersNeeded` (the share called in time over the days played); null without arrivals. */
  serviceLevelNeeded: z.number().nullable(),
  /** Erlang C (nobody leaves) or Erlang A (the group's measured patience), README "Staffing advice". */
  method: z.enum(['erlangC', 'erlangA']),
  /** The coefficient of variation of the group's handling times; null: too few finished visits, exponential assumed. */
  handlingCv: z.number().nullable(),
  /** The group's mean patience (Erlang A); null: too few visitors left before being called. */
  patienceMs: z.number().nullable(),
});
export type StaffingRow = z.infer<typeof StaffingRow>;

export const StaffingAdvice = z.object({
  from: z.string(),
  to: z.string(),
  weekday: z.number().int(),
  share: z.number(),
  /** How many days of that weekday the range holds. */
  days: z.number().int(),
  rows: z.array(StaffingRow),
});
export type StaffingAdvice = z.infer<typeof StaffingAdvice>;

/** GET /stats/compare: two periods (A before, B after) and optionally an organisation or a service. */
export const CompareQuery = z
  .strictObject({
    aFrom: LocalDate,
    aTo: LocalDate,
    bFrom: LocalDate,
    bTo: LocalDate,
    organisationId: rangeFields.organisationId,
    serviceId: rangeFields.serviceId,
    format: rangeFields.format,
  })
  .superRefine((q, ctx) => {
    checkRange({ from: q.aFrom, to: q.aTo }, ctx);
    checkRange({ from: q.bFrom, to: q.bTo }, ctx);
  });
export type CompareQuery = z.infer<typeof CompareQuery>;

/** Every figure of two periods side by side, and whether the change in the mean wait is likely real. */
export const Comparison = z.object({
  a: z.object({ from: z.string(), to: z.string(), figures: StatsFigures }),
  b: z.object({ from: z.string(), to: z.string(), figures: StatsFigures }),
  meanWait: z.object({
    /** mean wait of B − mean wait of A (ms); null when a period has no called visit. */
    diffMs: z.number().nullable(),
    /** The 95 % percentile-bootstrap interval of that difference (1,000 resamples of each period's waits). */
    lowMs: z.number().nullable(),
    highMs: z.number().nullable(),
    /** True when the interval does not contain 0. */
    likelyReal: z.boolean().nullable(),
    resamples: z.number().int(),
  }),
});
export type Comparison = z.infer<typeof Comparison>;
