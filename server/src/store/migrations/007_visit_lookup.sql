-- A visitor asking for their data names the day and the ticket number (retention: find and erase one visit).
CREATE INDEX tickets_day_number ON tickets (local_date, number);
