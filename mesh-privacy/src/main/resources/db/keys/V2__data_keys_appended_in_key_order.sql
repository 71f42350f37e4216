-- Making a key is on the path of every first webhook from a new person (call-ingest seals before it publishes), so a
-- new row should cost as little as it can: the index by key-encryption key goes (only a re-wrap after a rotation
-- reads by it, rarely, and a scan serves it), and key ids are time-ordered from now on (keys/DataKeys), so the
-- primary key grows at its end instead of splitting pages at random.
DROP INDEX IF EXISTS data_key_by_kek;
