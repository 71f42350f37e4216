-- Each request's clock as its jurisdiction's rule set it (dsar/clock/ClockRules): when its receipt must be confirmed to
-- the person (CCPA), when it was first due, and the one extension the law allows, with its reason, who took it and
-- when (the person must be told within the first period; the answer then falls due at due_at).
ALTER TABLE dsar_request
    ADD COLUMN confirm_due_at    timestamptz,
    ADD COLUMN original_due_at   timestamptz,
    ADD COLUMN extended_at       timestamptz,
    ADD COLUMN extended_by       text,
    ADD COLUMN extension_reason  text;
UPDATE dsar_request SET original_due_at = due_at;
ALTER TABLE dsar_request ALTER COLUMN original_due_at SET NOT NULL;
