-- Issue 17, send reconciliation: every message sent and call placed, as the providers' status events show them, matched
-- to the consent decision it was made under. One row per provider message or call (its first status decides).
CREATE TABLE contact_made (
    tenant_id       text        NOT NULL,
    provider        text        NOT NULL,
    reference       text        NOT NULL, -- the provider's message or call id
    subject_id      char(64)    NOT NULL,
    channel         text        NOT NULL,
    sender          text        NOT NULL,
    contacted_at    timestamptz NOT NULL,
    reached         boolean     NOT NULL, -- false while every status says it never left the provider (FAILED, CANCELED)
    decision_id     uuid,                 -- the decision it was matched to, if any
    violation       text,                 -- why the decisions did not allow it, or null
    source_event_id text        NOT NULL,
    PRIMARY KEY (tenant_id, provider, reference)
);
-- frequency caps count the contacts made to a person
CREATE INDEX contact_made_by_subject ON contact_made (tenant_id, subject_id, contacted_at) WHERE reached;

-- An ALLOW reserves one contact until a matching send confirms it (or the reservation lapses unused).
ALTER TABLE decision ADD COLUMN confirmed_at timestamptz;
-- matching a send that names no decision: the same person, channel and sender, latest first
CREATE INDEX decision_by_sender ON decision (tenant_id, subject_id, channel, sender, decided_at);

-- Before reconciliation every ALLOW counted as a contact made: the ALLOWs of the last 30 days (longer than any cap's
-- window) keep counting so, or the caps of the next days would forget contacts that may have been made.
INSERT INTO contact_made (tenant_id, provider, reference, subject_id, channel, sender, contacted_at, reached,
                          decision_id, source_event_id)
SELECT tenant_id, 'BEFORE_RECONCILIATION', 'decision:' || id, subject_id, channel, sender, decided_for, true, id,
       'V26__contacts_made'
FROM decision
WHERE outcome = 'ALLOW' AND decided_for > now() - interval '30 days' AND decided_for <= now();
UPDATE decision SET confirmed_at = decided_for WHERE outcome = 'ALLOW' AND decided_for <= now();
