-- Joining from home: a remote ticket's arrival code (typed or scanned at the kiosk, like a booking code).
ALTER TABLE tickets ADD COLUMN arrival_code TEXT;
CREATE UNIQUE INDEX tickets_arrival_code ON tickets (arrival_code) WHERE arrival_code IS NOT NULL;
