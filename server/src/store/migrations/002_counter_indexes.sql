-- Tickets at a counter (on call, served, parked) and tickets sent to a named counter: small sets read on every action.
CREATE INDEX tickets_at_counter ON tickets (counter_id) WHERE state IN ('called', 'serving', 'parked');
CREATE INDEX tickets_targeted ON tickets (target_counter_id, queued_at) WHERE state = 'waiting' AND target_counter_id IS NOT NULL;
-- Call-next reads each service's queue of normal and of priority tickets in arrival order and stops early.
CREATE INDEX tickets_waiting ON tickets (service_id, priority, queued_at, id) WHERE state = 'waiting' AND target_counter_id IS NULL;
