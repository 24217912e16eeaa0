-- Tickets: one row per visit, the current state. History lives in events.
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  service_id TEXT NOT NULL,
  original_service_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting','called','serving','parked','done','no-show','cancelled')),
  language TEXT NOT NULL,
  needs TEXT NOT NULL DEFAULT '[]',
  priority INTEGER NOT NULL DEFAULT 0,
  issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  no_show_at INTEGER,
  counter_id TEXT,
  target_counter_id TEXT,
  recall_count INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  note TEXT,
  call_reason TEXT,
  kiosk_id TEXT,
  status_token TEXT NOT NULL UNIQUE
);
CREATE INDEX tickets_active ON tickets (state, service_id, queued_at)
  WHERE state IN ('waiting', 'called', 'serving', 'parked');
CREATE INDEX tickets_done ON tickets (service_id, finished_at) WHERE state = 'done';
CREATE INDEX tickets_day ON tickets (local_date);

-- The append-only event log: every state change, never rewritten.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  ticket_id INTEGER REFERENCES tickets (id),
  counter_id TEXT,
  user_id INTEGER,
  service_id TEXT,
  data TEXT
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_ticket ON events (ticket_id);

CREATE TABLE numbering (
  service_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  issued INTEGER NOT NULL,
  PRIMARY KEY (service_id, local_date)
) WITHOUT ROWID;

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  open INTEGER NOT NULL DEFAULT 0,
  user_id INTEGER,
  opened_at INTEGER,
  services TEXT,
  paused_reason TEXT,
  paused_at INTEGER,
  normals_since_priority INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
  organisation_id TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE idempotency (
  key TEXT PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  created_at INTEGER NOT NULL
);

-- The hall configuration in force (the VUORO_CONFIG format) and what it was imported from.
CREATE TABLE hall_config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL,
  source_hash TEXT,
  updated_at INTEGER NOT NULL
);

-- Per-day switches and hall-wide values: services stopped early, the display announcement.
CREATE TABLE hall_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
