-- Telling visitors when it is their turn: their contact opt-ins (personal data, deleted when the visit ends) and the
-- durable outbox of messages to send (no address in it, only a masked one for the supervisor).

-- One opt-in per ticket and channel. `address` is an email address, a phone number (E.164) or a Web Push
-- subscription (JSON); it is deleted with the row when the visit ends.
CREATE TABLE notify_contacts (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  address TEXT NOT NULL,
  masked TEXT NOT NULL,
  language TEXT NOT NULL,
  -- Tell when at most this many people are ahead (null: not asked); `ahead_sent` once that message is queued.
  ahead INTEGER,
  ahead_sent INTEGER NOT NULL DEFAULT 0,
  on_call INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (ticket_id, channel)
);
CREATE INDEX notify_contacts_armed ON notify_contacts (ticket_id) WHERE ahead IS NOT NULL AND ahead_sent = 0;

-- The outbox: one row per message. `key` makes it one message per event per visitor (contact, kind and event),
-- so reading the event log again after a restart adds nothing.
CREATE TABLE notify_outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  contact_id INTEGER REFERENCES notify_contacts (id) ON DELETE SET NULL,
  ticket_id INTEGER NOT NULL,
  service_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  masked TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ahead', 'called', 'recalled')),
  params TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_error TEXT,
  sent_at INTEGER
);
CREATE INDEX notify_outbox_due ON notify_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notify_outbox_status ON notify_outbox (status, id);
CREATE INDEX notify_outbox_created ON notify_outbox (created_at);
CREATE INDEX notify_outbox_ticket ON notify_outbox (ticket_id);
