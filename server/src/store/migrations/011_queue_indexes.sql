-- Queries on waiting tickets name `state = 'waiting'`, which the partial index on `state IN (…)` cannot serve:
-- without these they scanned every ticket ever stored.
-- Waiting tickets per service in arrival order: counts per service, "people ahead", the whole waiting list.
CREATE INDEX tickets_waiting_queue ON tickets (service_id, queued_at, id) WHERE state = 'waiting';
-- Numbers in use: a number still waiting, on call, served or parked is never given again.
CREATE INDEX tickets_active_number ON tickets (number) WHERE state IN ('waiting', 'called', 'serving', 'parked');
-- The idempotency-key purge reads only the expired keys.
CREATE INDEX idempotency_created ON idempotency (created_at);
-- Today's issued counts per service.
CREATE INDEX numbering_day ON numbering (local_date);
-- Expired sessions are purged, and a user's sessions ended, without reading every session.
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);
