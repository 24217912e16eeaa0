-- Central server (PostgreSQL): halls and their credentials, central users, the shipped event logs, their visit
-- projection and the roll-ups the statistics read. Dates are hall-local 'YYYY-MM-DD'. Event times and durations are
-- epoch ms as double precision: a hall's log may hold fractional milliseconds (its demo history does), and central
-- keeps them exactly so that its figures equal the hall's.

CREATE TABLE central_users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('supervisor', 'admin')),
  organisation_id text,
  disabled boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL
);

CREATE TABLE central_sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES central_users (id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);

-- One row per hall. The credential is stored as a SHA-256 of a 32-byte random secret; rotating replaces it.
-- last_event_id: every event of the hall up to this id is stored (halls ship in order), the hall's high-water mark.
-- projected_event_id: events folded into visits up to this id.
CREATE TABLE halls (
  id text PRIMARY KEY,
  name text NOT NULL,
  credential_hash text NOT NULL,
  credential_issued_at bigint NOT NULL,
  created_at bigint NOT NULL,
  time_zone text,
  profile jsonb,
  last_contact_at bigint,
  last_event_id bigint NOT NULL DEFAULT 0,
  projected_event_id bigint NOT NULL DEFAULT 0
);

-- The organisations and services each hall reported (its profile): scoping and service-level targets.
CREATE TABLE hall_services (
  hall_id text NOT NULL REFERENCES halls (id),
  service_id text NOT NULL,
  organisation_id text,
  target_minutes integer NOT NULL,
  name jsonb NOT NULL,
  PRIMARY KEY (hall_id, service_id)
);

CREATE TABLE organisations (
  id text PRIMARY KEY,
  name jsonb NOT NULL
);

-- The halls' event logs, append-only, keyed by (hall, the hall's event id): a resent event is ignored.
CREATE TABLE events (
  hall_id text NOT NULL,
  event_id bigint NOT NULL,
  type text NOT NULL,
  at double precision NOT NULL,
  ticket_id bigint,
  counter_id text,
  user_id bigint,
  service_id text,
  data jsonb,
  PRIMARY KEY (hall_id, event_id)
);

-- The visit projection per hall, folded by the same code as the hall's (server/src/stats/visitFold.ts).
CREATE TABLE visits (
  hall_id text NOT NULL,
  ticket_id bigint NOT NULL,
  demo smallint NOT NULL DEFAULT 0,
  local_date text NOT NULL,
  weekday smallint NOT NULL,
  hour smallint NOT NULL,
  service_id text NOT NULL,
  first_service_id text NOT NULL,
  counter_id text,
  user_id bigint,
  state text NOT NULL,
  issued_at double precision NOT NULL,
  first_called_at double precision,
  target_ms bigint NOT NULL,
  wait_ms double precision,
  walk_ms double precision,
  transaction_ms double precision,
  finished_at double precision,
  outcome text,
  legs integer NOT NULL,
  transfers integer NOT NULL,
  recalls integer NOT NULL,
  no_shows integer NOT NULL,
  rating smallint,
  comment text,
  feedback_at double precision,
  PRIMARY KEY (hall_id, ticket_id)
);
CREATE INDEX visits_day ON visits (hall_id, local_date);

CREATE TABLE visit_legs (
  hall_id text NOT NULL,
  ticket_id bigint NOT NULL,
  leg integer NOT NULL,
  local_date text NOT NULL,
  service_id text NOT NULL,
  counter_id text,
  user_id bigint,
  queued_at double precision NOT NULL,
  called_at double precision,
  last_called_at double precision,
  started_at double precision,
  ended_at double precision,
  end_kind text,
  PRIMARY KEY (hall_id, ticket_id, leg)
);
CREATE INDEX visit_legs_day ON visit_legs (hall_id, local_date);

-- (hall, date) pairs the projector touched; the roll-up recomputes them.
CREATE TABLE stats_dirty (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  PRIMARY KEY (hall_id, local_date)
);

-- Roll-ups per hall × date × service (the hall's stats_daily without counter and staff member: central compares
-- halls, services and organisations). Statistics read only these: a year of 200 halls is ~400,000 rows.
CREATE TABLE stats_daily (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  service_id text NOT NULL,
  visits bigint NOT NULL, called bigint NOT NULL, within_target bigint NOT NULL,
  wait_sum double precision NOT NULL, wait_max double precision NOT NULL,
  walk_sum double precision NOT NULL, walk_n bigint NOT NULL,
  transaction_sum double precision NOT NULL, transaction_n bigint NOT NULL,
  done bigint NOT NULL, resolved_first_contact bigint NOT NULL, sl_base bigint NOT NULL,
  no_show bigint NOT NULL, cancelled bigint NOT NULL, expired bigint NOT NULL, abandoned bigint NOT NULL,
  transferred_visits bigint NOT NULL, transfers bigint NOT NULL, recalls bigint NOT NULL,
  ratings bigint NOT NULL, rating_sum bigint NOT NULL,
  r1 bigint NOT NULL, r2 bigint NOT NULL, r3 bigint NOT NULL, r4 bigint NOT NULL, r5 bigint NOT NULL,
  PRIMARY KEY (hall_id, local_date, service_id)
);
CREATE INDEX stats_daily_day ON stats_daily (local_date);

CREATE TABLE stats_hourly (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  hour smallint NOT NULL,
  service_id text NOT NULL,
  weekday smallint NOT NULL,
  arrivals bigint NOT NULL, called bigint NOT NULL, wait_sum double precision NOT NULL,
  PRIMARY KEY (hall_id, local_date, hour, service_id)
);
CREATE INDEX stats_hourly_day ON stats_hourly (local_date);

CREATE TABLE stats_legs_daily (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  service_id text NOT NULL,
  legs bigint NOT NULL, legs_called bigint NOT NULL, leg_wait_sum double precision NOT NULL, serving_ms double precision NOT NULL,
  PRIMARY KEY (hall_id, local_date, service_id)
);
CREATE INDEX stats_legs_daily_day ON stats_legs_daily (local_date);
