-- Integrations and identity: the audit log, API keys, webhook subscriptions with their delivery outbox,
-- and where each staff account comes from.

-- Who did what, when, to what (before/after) and from where. Append-only, like the event log.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  actor TEXT NOT NULL,
  actor_role TEXT,
  actor_organisation_id TEXT,
  kind TEXT NOT NULL,
  target TEXT,
  before TEXT,
  after TEXT,
  source_ip TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_kind ON audit_log (kind, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- 'local' accounts sign in with their Vuoro password; 'directory' accounts only through LDAP (no local password).
ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'directory'));

-- API keys for integrations: only the SHA-256 of the secret is stored.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  organisation_id TEXT,
  rate_per_minute INTEGER NOT NULL,
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  created_by INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
);

-- Webhook subscriptions. The secret signs deliveries, so it is kept (and shown to the admin only at creation).
CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  secret TEXT NOT NULL,
  event_types TEXT NOT NULL,
  organisation_id TEXT,
  service_ids TEXT,
  allow_http INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

-- The outbox: one row per (subscription, event), written by the trigger below in the same transaction as the
-- event, so no committed event goes undelivered and no rolled-back one is ever sent.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES events (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subscription_id, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, status, id);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

CREATE TRIGGER events_webhook_outbox AFTER INSERT ON events
BEGIN
  INSERT INTO webhook_deliveries (subscription_id, event_id, status, next_attempt_at, created_at)
  SELECT s.id, NEW.id, 'pending', NEW.at, NEW.at
    FROM webhook_subscriptions s
   WHERE s.active = 1
     AND EXISTS (SELECT 1 FROM json_each(s.event_types) WHERE value = NEW.type)
     AND (s.service_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(s.service_ids) WHERE value = NEW.service_id));
END;
