-- Appointments: one row per booking. The booking code is the holder's only key: a booking needs no personal data
-- (the name is optional and deleted with the booking's end, see retention).
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('booked', 'arrived', 'cancelled', 'no-show')),
  name TEXT,
  language TEXT NOT NULL,
  booked_at INTEGER NOT NULL,
  -- The staff member who booked on a visitor's behalf; null when the visitor booked.
  booked_by INTEGER,
  arrived_at INTEGER,
  ticket_id INTEGER REFERENCES tickets (id),
  ended_at INTEGER,
  reason TEXT
);
-- Places taken per slot (booked or arrived).
CREATE INDEX appointments_slot ON appointments (service_id, slot_at) WHERE state IN ('booked', 'arrived');
-- A day's list per service.
CREATE INDEX appointments_day ON appointments (local_date, service_id);
-- The no-show sweep reads only bookings still waiting for their holder.
CREATE INDEX appointments_booked ON appointments (slot_at) WHERE state = 'booked';

-- A checked-in appointment's ticket carries its slot; a remote ticket is held until its holder checks in.
ALTER TABLE tickets ADD COLUMN appointment_at INTEGER;
ALTER TABLE tickets ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN skipped_at INTEGER;
-- Checked-in appointments per service in slot order (call-next's appointment queue).
CREATE INDEX tickets_waiting_appointments ON tickets (service_id, appointment_at, queued_at, id)
  WHERE state = 'waiting' AND appointment_at IS NOT NULL;
-- Held remote tickets (the expiry sweep and the daily cap).
CREATE INDEX tickets_held ON tickets (service_id, queued_at) WHERE state = 'waiting' AND held = 1;
CREATE INDEX tickets_remote_day ON tickets (local_date, service_id) WHERE remote = 1;
