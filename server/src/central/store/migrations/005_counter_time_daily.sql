-- Counter time per hall, local date, counter, staff member, kind and reason: the whole-millisecond time of every
-- ended period that lies wholly inside its local day (stats/counterFold.ts periodMs). The counter-time route reads
-- it for whole days and sums only the other periods (crossing midnight, still running, or of a day not over yet).
-- A period is added exactly once, when the projector ends it (`rolled` marks it), in the batch's transaction.
ALTER TABLE counter_periods ADD COLUMN rolled boolean NOT NULL DEFAULT false;

CREATE TABLE counter_time_daily (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  counter_id text NOT NULL,
  user_id bigint,
  kind text NOT NULL CHECK (kind IN ('open', 'paused')),
  reason text,
  ms double precision NOT NULL,
  CONSTRAINT counter_time_daily_key UNIQUE NULLS NOT DISTINCT (hall_id, local_date, counter_id, user_id, kind, reason)
);

-- Backfill from the stored periods: those not empty and ended by the end of their local day (in the hall's zone, as
-- the projector dates them; UTC for a hall that never sent its zone).
UPDATE counter_periods p SET rolled = true
  FROM halls h
 WHERE h.id = p.hall_id AND p.ended_at > p.started_at
   AND p.ended_at <= extract(epoch FROM ((p.local_date::date + 1)::timestamp AT TIME ZONE coalesce(h.time_zone, 'UTC'))) * 1000;
INSERT INTO counter_time_daily (hall_id, local_date, counter_id, user_id, kind, reason, ms)
SELECT hall_id, local_date, counter_id, user_id, kind, reason, sum(floor(greatest(0, ended_at - started_at) + 0.5))
  FROM counter_periods WHERE rolled
 GROUP BY hall_id, local_date, counter_id, user_id, kind, reason;

-- The periods the route still sums one by one.
CREATE INDEX counter_periods_unrolled ON counter_periods (hall_id, local_date) WHERE NOT rolled;
