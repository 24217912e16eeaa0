-- The central service catalogue: service definitions halls can follow (names in six languages, what to prepare,
-- the service-level target). A hall's own hours, counters and devices stay local.
CREATE TABLE catalogue_entries (
  id text PRIMARY KEY,
  name jsonb NOT NULL,
  prepare jsonb,
  target_minutes integer NOT NULL,
  organisation_id text,
  version integer NOT NULL,
  updated_at bigint NOT NULL
);
