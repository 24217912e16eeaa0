-- Shipping the event log to a central server: the id of the last event central confirmed holding (the high-water
-- mark). Central's answer is the truth: when it holds less (a restored central database), the mark moves back.
CREATE TABLE central_shipping (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL,
  updated_at INTEGER
);
INSERT INTO central_shipping (id, last_event_id) VALUES (1, 0);
