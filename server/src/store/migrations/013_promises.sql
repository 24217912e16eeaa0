-- Promised waits (issue 16): the estimate told at issue travels in the ticket_issued event's data
-- (`estimateMinutes`); the statistics projection keeps it beside the actual wait, in ms.
ALTER TABLE visits ADD COLUMN promised_ms INTEGER;

-- Estimates shown to a waiting visitor later (status page, live updates), sampled: the first one shown and then
-- at most one per two minutes when it changed. Not personal data: a ticket id, a time and a number of minutes.
CREATE TABLE ticket_promises (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  minutes INTEGER,                   -- NULL: the visitor was shown "no estimate"
  source TEXT NOT NULL               -- 'issue' or 'status'
);
CREATE INDEX ticket_promises_ticket ON ticket_promises (ticket_id, at);
