/**
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
