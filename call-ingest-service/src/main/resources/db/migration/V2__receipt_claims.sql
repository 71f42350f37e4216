-- A receipt is first a claim (PENDING) taken before publishing, then PUBLISHED once the broker has acknowledged.
-- Concurrent copies of one webhook see the claim and wait for its outcome instead of publishing again; a claim left
-- PENDING by a crashed instance is taken over after a timeout, so a provider's retry is never suppressed forever.
ALTER TABLE webhook_receipt RENAME COLUMN received_at TO claimed_at;
ALTER TABLE webhook_receipt ADD COLUMN state text NOT NULL DEFAULT 'PUBLISHED';
ALTER TABLE webhook_receipt ALTER COLUMN state DROP DEFAULT;
