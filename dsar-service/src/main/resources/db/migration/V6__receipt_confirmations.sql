-- When (and how) the person was told their request was received, where the law sets a date for it (CCPA: 10 business
-- days, DSR-04). An open request past confirm_due_at with no confirmation is counted, and alerted on.
ALTER TABLE dsar_request
    ADD COLUMN confirmed_at         timestamptz,
    ADD COLUMN confirmed_by         text,
    ADD COLUMN confirmation_channel text;
CREATE INDEX dsar_request_unconfirmed ON dsar_request (confirm_due_at)
    WHERE confirmed_at IS NULL AND confirm_due_at IS NOT NULL;
