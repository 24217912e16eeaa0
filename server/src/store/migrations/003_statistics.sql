-- Statistics: projections of the event log (rebuildable from events at any time) and daily roll-ups of them.
-- Nothing here is a source of truth; `stats_progress` holds the id of the last event projected.

-- One row per visit (ticket), updated by the projector as its events arrive.
CREATE TABLE visits (
  ticket_id INTEGER PRIMARY KEY,
  demo INTEGER NOT NULL DEFAULT 0,
  local_date TEXT NOT NULL,
  weekday INTEGER NOT NULL,          -- 0 = Monday … 6 = Sunday, hall-local
  hour INTEGER NOT NULL,             -- hall-local hour of issue
  service_id TEXT NOT NULL,          -- the service of the last leg
  first_service_id TEXT NOT NULL,
  counter_id TEXT,                   -- the counter of the last call
  user_id INTEGER,                   -- the staff member of the last call
  state TEXT NOT NULL,               -- waiting, called, serving, parked, done, no-show, cancelled, expired
  issued_at INTEGER NOT NULL,
  first_called_at INTEGER,
  target_ms INTEGER NOT NULL,        -- the service's targetMinutes when issued
  wait_ms INTEGER,                   -- first call − issue
  walk_ms INTEGER,                   -- start − call (last leg)
  transaction_ms INTEGER,            -- finish − start (last leg)
  finished_at INTEGER,
  outcome TEXT,
  legs INTEGER NOT NULL DEFAULT 1,
  transfers INTEGER NOT NULL DEFAULT 0,
  recalls INTEGER NOT NULL DEFAULT 0,
  no_shows INTEGER NOT NULL DEFAULT 0,
  rating INTEGER,
  comment TEXT,
  feedback_at INTEGER
);
CREATE INDEX visits_day ON visits (local_date);
CREATE INDEX visits_comments ON visits (local_date, feedback_at) WHERE comment IS NOT NULL;

-- One row per leg of a visit: the first queue, then one more per transfer.
CREATE TABLE visit_legs (
  ticket_id INTEGER NOT NULL,
  leg INTEGER NOT NULL,
  local_date TEXT NOT NULL,
  service_id TEXT NOT NULL,
  counter_id TEXT,
  user_id INTEGER,
  queued_at INTEGER NOT NULL,
  called_at INTEGER,
  last_called_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  end_kind TEXT,                     -- finished, transferred, no-show, cancelled, expired
  PRIMARY KEY (ticket_id, leg)
) WITHOUT ROWID;
CREATE INDEX visit_legs_day ON visit_legs (local_date);

-- Counter time: an `open` period per counter and staff member, `paused` periods inside it with their reason.
CREATE TABLE counter_periods (
  id INTEGER PRIMARY KEY,
  counter_id TEXT NOT NULL,
  user_id INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'paused')),
  reason TEXT,
  local_date TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX counter_periods_day ON counter_periods (local_date, counter_id);
CREATE INDEX counter_periods_current ON counter_periods (counter_id, kind) WHERE ended_at IS NULL;

-- Daily roll-ups, recomputed for a date whenever the projector touched it (dates listed in stats_dirty).
CREATE TABLE stats_daily (
  local_date TEXT NOT NULL,
  service_id TEXT NOT NULL,
  counter_id TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL DEFAULT 0,
  visits INTEGER NOT NULL, called INTEGER NOT NULL, within_target INTEGER NOT NULL,
  wait_sum INTEGER NOT NULL, wait_max INTEGER NOT NULL,
  walk_sum INTEGER NOT NULL, walk_n INTEGER NOT NULL,
  transaction_sum INTEGER NOT NULL, transaction_n INTEGER NOT NULL,
  done INTEGER NOT NULL, resolved_first_contact INTEGER NOT NULL, sl_base INTEGER NOT NULL,
  no_show INTEGER NOT NULL, cancelled INTEGER NOT NULL, expired INTEGER NOT NULL, abandoned INTEGER NOT NULL,
  transferred_visits INTEGER NOT NULL, transfers INTEGER NOT NULL, recalls INTEGER NOT NULL,
  ratings INTEGER NOT NULL, rating_sum INTEGER NOT NULL,
  r1 INTEGER NOT NULL, r2 INTEGER NOT NULL, r3 INTEGER NOT NULL, r4 INTEGER NOT NULL, r5 INTEGER NOT NULL,
  PRIMARY KEY (local_date, service_id, counter_id, user_id)
) WITHOUT ROWID;

CREATE TABLE stats_hourly (
  local_date TEXT NOT NULL,
  hour INTEGER NOT NULL,
  service_id TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  arrivals INTEGER NOT NULL, called INTEGER NOT NULL, wait_sum INTEGER NOT NULL,
  PRIMARY KEY (local_date, hour, service_id)
) WITHOUT ROWID;

CREATE TABLE stats_legs_daily (
  local_date TEXT NOT NULL,
  service_id TEXT NOT NULL,
  counter_id TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL DEFAULT 0,
  legs INTEGER NOT NULL, legs_called INTEGER NOT NULL, leg_wait_sum INTEGER NOT NULL, serving_ms INTEGER NOT NULL,
  PRIMARY KEY (local_date, service_id, counter_id, user_id)
) WITHOUT ROWID;

CREATE TABLE stats_dirty (local_date TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE TABLE stats_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL
);
INSERT INTO stats_progress (id, last_event_id) VALUES (1, 0);

