-- What the authorizer needs to know about a person besides consent: their latest inbound message or call (a
-- conversational reply window, and outbound "in response to an inbound interaction"), a callback they asked for, the
-- tenant's do-not-contact list and a data-subject request's restriction of processing. Keyed by the pseudonymous
-- subject id only: like suppression, these survive erasure as HMACs.
CREATE TABLE last_inbound (
    tenant_id       text        NOT NULL,
    subject_id      char(64)    NOT NULL,
    channel         text        NOT NULL,
    at              timestamptz NOT NULL,
    source_event_id text        NOT NULL,
    PRIMARY KEY (tenant_id, subject_id)
);

CREATE TABLE callback_request (
    tenant_id       text        NOT NULL,
    subject_id      char(64)    NOT NULL,
    requested_at    timestamptz NOT NULL,
    preferred_at    timestamptz,
    call_id         text        NOT NULL,
    source_event_id text        NOT NULL,
    PRIMARY KEY (tenant_id, subject_id)
);

CREATE TABLE do_not_contact (
    tenant_id  text        NOT NULL,
    subject_id char(64)    NOT NULL,
    added_at   timestamptz NOT NULL,
    reason     text,
    PRIMARY KEY (tenant_id, subject_id)
);

-- GDPR Art. 18: while a restriction stands, the person is not contacted (except what the law requires).
CREATE TABLE processing_restriction (
    tenant_id     text        NOT NULL,
    subject_id    char(64)    NOT NULL,
    request_id    text        NOT NULL,
    restricted_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subject_id)
);

-- Frequency caps count the allowed contacts of the last day per subject.
CREATE INDEX decision_allowed_by_subject ON decision (tenant_id, subject_id, decided_at) WHERE outcome = 'ALLOW';
