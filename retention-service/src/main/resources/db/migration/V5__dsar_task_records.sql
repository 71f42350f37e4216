-- The records an access or portability answer carries (the person's inventoried items as stored), kept with the answer
-- so that the outbox sends the same pages however often it retries.
ALTER TABLE dsar_task ADD COLUMN records jsonb;
