-- Counter time at central, folded from the halls' counter events with the hall's own rule (stats/counterFold.ts):
-- open and paused periods per hall and counter, and serving time per hall × date × service × counter × staff member
-- (the hall's stats_legs_daily serving_ms, with the same definition from stats/rollupSums.ts).
CREATE TABLE counter_periods (
  id bigserial PRIMARY KEY,
  hall_id text NOT NULL,
  counter_id text NOT NULL,
  user_id bigint,
  kind text NOT NULL CHECK (kind IN ('open', 'paused')),
  reason text,
  local_date text NOT NULL,
  started_at double precision NOT NULL,
  ended_at double precision
);
CREATE INDEX counter_periods_day ON counter_periods (hall_id, local_date, counter_id);
CREATE INDEX counter_periods_current ON counter_periods (hall_id, counter_id, kind) WHERE ended_at IS NULL;

CREATE TABLE stats_counter_daily (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  service_id text NOT NULL,
  counter_id text NOT NULL,
  user_id bigint NOT NULL,
  serving_ms double precision NOT NULL,
  PRIMARY KEY (hall_id, local_date, service_id, counter_id, user_id)
);
CREATE INDEX stats_counter_daily_day ON stats_counter_daily (local_date);

-- Counter events shipped before this version were stored but not folded: fold every hall's log again from its
-- start (visits are rebuilt from their events, so nothing is counted twice).
TRUNCATE visits, visit_legs, stats_daily, stats_hourly, stats_legs_daily, stats_dirty;
UPDATE halls SET projected_event_id = 0;
