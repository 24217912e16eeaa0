-- Raw events partitioned by month (declarative range partitioning on the event's time, epoch ms, UTC months), so
-- that old months can be dropped whole once every hall's events in them are folded (VUORO_CENTRAL_EVENT_MONTHS).
-- PostgreSQL requires the partition key in the primary key: (hall, event id, time). An event's time never changes,
-- so a resent event still meets its stored copy; ingest also skips every id up to the hall's mark under the hall's
-- row lock, which is what keeps each (hall, event id) stored once. Partitions are named events_YYYY_MM and created
-- ahead by the server (the current and next month) and on ingest for any other month a batch reaches.
ALTER TABLE events RENAME TO events_before_partitioning;
ALTER INDEX events_pkey RENAME TO events_before_partitioning_pkey;

CREATE TABLE events (
  hall_id text NOT NULL,
  event_id bigint NOT NULL,
  type text NOT NULL,
  at double precision NOT NULL,
  ticket_id bigint,
  counter_id text,
  user_id bigint,
  service_id text,
  data jsonb,
  PRIMARY KEY (hall_id, event_id, at)
) PARTITION BY RANGE (at);

DO $$
DECLARE m timestamp;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', to_timestamp(at / 1000.0) AT TIME ZONE 'UTC') FROM events_before_partitioning LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
      'events_' || to_char(m, 'YYYY_MM'),
      extract(epoch FROM m AT TIME ZONE 'UTC') * 1000,
      extract(epoch FROM (m + interval '1 month') AT TIME ZONE 'UTC') * 1000);
  END LOOP;
END $$;

INSERT INTO events SELECT hall_id, event_id, type, at, ticket_id, counter_id, user_id, service_id, data FROM events_before_partitioning;
DROP TABLE events_before_partitioning;

-- The live view (GET /stats/live): the part of today's live sums that depends on the visits only, rolled up per
-- hall × date × service like the other roll-ups (stats/liveSums.ts LIVE_ROLLED); the part that depends on the moment
-- reads only the visits waiting now, through this partial index.
CREATE TABLE stats_live_daily (
  hall_id text NOT NULL,
  local_date text NOT NULL,
  service_id text NOT NULL,
  tickets bigint NOT NULL, waiting bigint NOT NULL, serving bigint NOT NULL, done bigint NOT NULL, called bigint NOT NULL,
  wait_sum double precision NOT NULL, within bigint NOT NULL, decided bigint NOT NULL,
  PRIMARY KEY (hall_id, local_date, service_id)
);
CREATE INDEX visits_waiting ON visits (hall_id, local_date) WHERE state = 'waiting';
-- Roll up every day already folded once.
INSERT INTO stats_dirty (hall_id, local_date) SELECT DISTINCT hall_id, local_date FROM visits ON CONFLICT DO NOTHING;
