import { WAIT_BAND_MINUTES } from '../stats/feedbackPrivacy.js';

/**
 * The statistics' SQL shared by the hall (SQLite) and central (PostgreSQL).
 *
 * The one definition of the roll-up sums: each column of `stats_daily`, `stats_hourly` and `stats_legs_daily` as an
 * aggregate over the visit projection, in SQL that SQLite (the hall) and PostgreSQL (central) read alike. The
 * figures (figures.ts) are computed from these sums, so a hall and central agree on "wait", "service level" and the
 * rest by construction.
 */
export type SumColumns = readonly (readonly [column: string, aggregate: string])[];

export const when = (cond: string) => `coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;

/** Over `visits`, grouped by date and service (and, at the hall, last counter and staff member). */
export const VISIT_SUMS: SumColumns = [
  ['visits', 'count(*)'],
  ['called', 'count(first_called_at)'],
  ['within_target', when('wait_ms <= target_ms')],
  ['wait_sum', 'coalesce(sum(wait_ms), 0)'],
  ['wait_max', 'coalesce(max(wait_ms), 0)'],
  ['walk_sum', 'coalesce(sum(walk_ms), 0)'],
  ['walk_n', 'count(walk_ms)'],
  ['transaction_sum', "coalesce(sum(CASE WHEN state = 'done' THEN transaction_ms END), 0)"],
  ['transaction_n', "count(CASE WHEN state = 'done' THEN transaction_ms END)"],
  ['done', when("state = 'done'")],
  ['resolved_first_contact', when("state = 'done' AND outcome = 'resolved' AND transfers = 0")],
  ['sl_base', `count(first_called_at) + ${when("first_called_at IS NULL AND state IN ('cancelled', 'expired')")}`],
  ['no_show', when("state = 'no-show'")],
  ['cancelled', when("state = 'cancelled'")],
  ['expired', when("state = 'expired'")],
  ['abandoned', when("state = 'cancelled' OR (state = 'expired' AND first_called_at IS NULL)")],
  ['transferred_visits', when('transfers > 0')],
  ['transfers', 'coalesce(sum(transfers), 0)'],
  ['recalls', 'coalesce(sum(recalls), 0)'],
  ['ratings', 'count(rating)'],
  ['rating_sum', 'coalesce(sum(rating), 0)'],
  ['r1', when('rating = 1')],
  ['r2', when('rating = 2')],
  ['r3', when('rating = 3')],
  ['r4', when('rating = 4')],
  ['r5', when('rating = 5')],
];

/** Over `visits`, grouped by date, hour of issue and service. */
export const HOURLY_SUMS: SumColumns = [
  ['weekday', 'min(weekday)'],
  ['arrivals', 'count(*)'],
  ['called', 'count(wait_ms)'],
  ['wait_sum', 'coalesce(sum(wait_ms), 0)'],
];

/** Over `visit_legs`, grouped by date and the leg's service (and, at the hall, counter and staff member). */
export const LEG_SUMS_OF_LEGS: SumColumns = [
  ['legs', 'count(*)'],
  ['legs_called', 'count(called_at)'],
  ['leg_wait_sum', 'coalesce(sum(called_at - queued_at), 0)'],
  [
    'serving_ms',
    `coalesce(sum(CASE WHEN called_at IS NOT NULL AND ended_at IS NOT NULL AND end_kind IN ('finished', 'transferred', 'no-show')
      THEN ended_at - called_at END), 0)`,
  ],
];

/** `INSERT INTO table (keys…, sums…) SELECT keyExprs…, aggregates… FROM source WHERE … GROUP BY keys`. */
export function rollupInsert(table: string, keys: readonly (readonly [column: string, expr: string])[], sums: SumColumns, from: string, where: string): string {
  const cols = [...keys.map(([c]) => c), ...sums.map(([c]) => c)];
  const select = [...keys.map(([, e]) => e), ...sums.map(([, e]) => e)];
  const group = keys.map((_, i) => String(i + 1)).join(', ');
  return `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM ${from} WHERE ${where} GROUP BY ${group}`;
}

/**
 * The one definition of today's live figures ("waiting now", "longest wait now", "service level today", …): sums
 * over the day's visits per service, in SQL that SQLite (the hall) and PostgreSQL (central) read alike (the
 * arithmetic from those sums to the figures: stats/liveSums.ts). The sums come in two parts: those that depend on
 * the visits only (central keeps them rolled up per hall × date × service) and those that depend on the moment
 * (over the visits waiting now). The hall reads both straight from its visits.
 */
export const LIVE_ROLLED: SumColumns = [
  ['tickets', 'count(*)'],
  ['waiting', when("state = 'waiting'")],
  ['serving', when("state IN ('called', 'serving', 'parked')")],
  ['done', when("state = 'done'")],
  ['called', 'count(wait_ms)'],
  ['wait_sum', 'coalesce(sum(wait_ms), 0)'],
  ['within', when('wait_ms <= target_ms')],
  // Decided whatever the time: called, or abandoned before a call.
  ['decided', `count(wait_ms) + ${when("first_called_at IS NULL AND state IN ('cancelled', 'expired')")}`],
];

/** The moment's part, over visits waiting now; `now` is the SQL of the current time in epoch ms (a parameter). */
export function liveNow(now: string): SumColumns {
  return [
    // Decided too: still waiting, never called, beyond the target.
    ['waiting_late', when(`state = 'waiting' AND first_called_at IS NULL AND ${now} - issued_at > target_ms`)],
    // The issue time of the visitor waiting longest (since being issued), if anyone waits.
    ['oldest_waiting_at', "min(CASE WHEN state = 'waiting' THEN issued_at END)"],
  ];
}

export function liveSums(now: string): SumColumns {
  return [...LIVE_ROLLED, ...liveNow(now)];
}

/** `aggregate AS column, …` */
export const selectSums = (cols: SumColumns): string => cols.map(([c, e]) => `${e} AS ${c}`).join(', ');

/** SQL select list that sums `stats_daily` columns under the names of FigureSums (legs come separately). */
export const DAILY_SUMS = `coalesce(sum(visits), 0) AS visits, coalesce(sum(called), 0) AS called,
  coalesce(sum(within_target), 0) AS within_target, coalesce(sum(wait_sum), 0) AS wait_sum,
  coalesce(max(wait_max), 0) AS wait_max, coalesce(sum(walk_sum), 0) AS walk_sum, coalesce(sum(walk_n), 0) AS walk_n,
  coalesce(sum(transaction_sum), 0) AS transaction_sum, coalesce(sum(transaction_n), 0) AS transaction_n,
  coalesce(sum(done), 0) AS done, coalesce(sum(resolved_first_contact), 0) AS resolved_first_contact,
  coalesce(sum(sl_base), 0) AS sl_base, coalesce(sum(no_show), 0) AS no_show, coalesce(sum(cancelled), 0) AS cancelled,
  coalesce(sum(expired), 0) AS expired, coalesce(sum(abandoned), 0) AS abandoned,
  coalesce(sum(transferred_visits), 0) AS transferred_visits, coalesce(sum(transfers), 0) AS transfers,
  coalesce(sum(recalls), 0) AS recalls, coalesce(sum(ratings), 0) AS ratings, coalesce(sum(rating_sum), 0) AS rating_sum`;

export const LEG_SUMS = `coalesce(sum(legs), 0) AS legs, coalesce(sum(legs_called), 0) AS legs_called,
  coalesce(sum(leg_wait_sum), 0) AS leg_wait_sum`;

/** SQL condition on `counter_periods`: the counter is open now (paused or not). */
export const OPEN_NOW = "kind = 'open' AND ended_at IS NULL";
/** SQL condition on `counter_periods`: the counter is paused now. */
export const PAUSED_NOW = "kind = 'paused' AND ended_at IS NULL";

/** SQL expression giving the band index of a wait column (kept equal to bandIndex by a unit test). */
export function bandSql(column: string): string {
  const whens = WAIT_BAND_MINUTES.slice(1).map((m, i) => `WHEN ${column} < ${m * 60_000} THEN ${i}`);
  return `CASE ${whens.join(' ')} ELSE ${WAIT_BAND_MINUTES.length - 1} END`;
}
