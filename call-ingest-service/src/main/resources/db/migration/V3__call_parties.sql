-- The person on each call, by provider call id, so callbacks that do not name the parties (Twilio's recording status
-- callback) can still be keyed by the person's subject id. Only the pseudonymous subject id is kept, never a number.
CREATE TABLE call_party (
    provider   text        NOT NULL,
    call_id    text        NOT NULL,
    tenant_id  text        NOT NULL,
    subject_id char(64)    NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, call_id)
);
