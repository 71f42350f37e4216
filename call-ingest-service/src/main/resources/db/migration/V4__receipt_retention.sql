-- Receipts and call parties are kept only as long as a provider may still retry or call back about a call
-- (mesh.ingest.receipt-retention); these indexes let the periodic purge find the old ones without a full scan.
CREATE INDEX webhook_receipt_claimed_at ON webhook_receipt (claimed_at);
CREATE INDEX call_party_created_at ON call_party (created_at);
