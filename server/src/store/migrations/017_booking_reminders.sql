-- Booking reminders and telling a remote ticket's holder that it was skipped or expired.
--
-- A booking's contact (an email address or a phone number for a reminder) is personal data kept only for the booking:
-- deleted when the booking is cancelled, checked in or a no-show, or once its slot has passed (the scheduled purge).
CREATE TABLE booking_contacts (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  address TEXT NOT NULL,
  masked TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (appointment_id, channel)
);

-- The outbox gains booking reminders (no ticket yet: `appointment_id` and `booking_contact_id` instead) and the
-- "skipped" / "expired" messages of remote tickets. SQLite cannot widen a CHECK in place: the table is rebuilt.
CREATE TABLE notify_outbox_new (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  contact_id INTEGER REFERENCES notify_contacts (id) ON DELETE SET NULL,
  booking_contact_id INTEGER REFERENCES booking_contacts (id) ON DELETE SET NULL,
  ticket_id INTEGER,
  appointment_id INTEGER,
  service_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  masked TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ahead', 'called', 'recalled', 'skipped', 'expired', 'reminder')),
  params TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_error TEXT,
  sent_at INTEGER,
  CHECK (ticket_id IS NOT NULL OR appointment_id IS NOT NULL)
);
INSERT INTO notify_outbox_new (id, key, contact_id, ticket_id, service_id, channel, masked, language, kind, params, status,
                               attempts, next_attempt_at, created_at, last_attempt_at, last_error, sent_at)
  SELECT id, key, contact_id, ticket_id, service_id, channel, masked, language, kind, params, status,
         attempts, next_attempt_at, created_at, last_attempt_at, last_error, sent_at FROM notify_outbox;
DROP TABLE notify_outbox;
ALTER TABLE notify_outbox_new RENAME TO notify_outbox;
CREATE INDEX notify_outbox_due ON notify_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notify_outbox_status ON notify_outbox (status, id);
CREATE INDEX notify_outbox_created ON notify_outbox (created_at);
CREATE INDEX notify_outbox_ticket ON notify_outbox (ticket_id);
CREATE INDEX notify_outbox_contact ON notify_outbox (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX notify_outbox_booking_contact ON notify_outbox (booking_contact_id) WHERE booking_contact_id IS NOT NULL;
