-- Recording-disclosure evidence per call (disclosure/). Every call event the verdict depends on, once per event id:
-- verdicts are computed from these rows ordered by their own times, so late and out-of-order events are judged right.
CREATE TABLE call_event (
    tenant_id   text        NOT NULL,
    event_id    text        NOT NULL,
    call_id     text        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    subject_id  char(64),
    envelope    text        NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX call_event_by_call ON call_event (tenant_id, call_id, occurred_at);

-- One row per call: when it was first heard of, when it ended, and its current verdict (the ledger keeps them all).
CREATE TABLE call_disclosure (
    tenant_id           text        NOT NULL,
    call_id             text        NOT NULL,
    subject_id          char(64),
    first_event_at      timestamptz NOT NULL,
    ended_at            timestamptz,
    verdict             text,
    verdict_evidence_id uuid,
    verdicts            integer     NOT NULL DEFAULT 0,
    incomplete_at       timestamptz,
    PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX call_disclosure_open ON call_disclosure (first_event_at) WHERE ended_at IS NULL AND incomplete_at IS NULL;
CREATE INDEX call_disclosure_unjudged ON call_disclosure (ended_at) WHERE verdict IS NULL OR verdict = 'INCOMPLETE';

-- Per tenant: REC-08 mode, and which provider media (by name) are the tenant's recording announcements.
CREATE TABLE recording_policy (
    tenant_id                         text        PRIMARY KEY,
    explicit_consent_before_recording boolean     NOT NULL,
    disclosure_media                  jsonb       NOT NULL,
    updated_at                        timestamptz NOT NULL
);

-- Violations to publish to consent.violation.v1 (disclosure/ViolationPublisher), written with the verdict's evidence.
CREATE TABLE violation_outbox (
    seq         bigserial PRIMARY KEY,
    evidence_id uuid NOT NULL REFERENCES evidence (id) ON DELETE CASCADE
);

CREATE INDEX evidence_disclosure_verdict_by_call ON evidence (tenant_id, (content ->> 'callId'))
    WHERE kind = 'DISCLOSURE_VERDICT';
