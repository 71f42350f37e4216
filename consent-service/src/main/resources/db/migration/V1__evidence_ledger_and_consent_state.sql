-- The evidence ledger: one row per consent-relevant event, append-only, chained per subject.
CREATE TABLE evidence (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    subject_id      char(64)    NOT NULL,
    source_event_id text        NOT NULL,
    kind            text        NOT NULL,
    channel         text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    content         jsonb       NOT NULL,
    prev_hash       char(64),
    hash            char(64)    NOT NULL,
    -- a redelivered event finds its row here and has no second effect
    CONSTRAINT evidence_once_per_source_event UNIQUE (tenant_id, source_event_id)
);
CREATE INDEX evidence_by_subject ON evidence (tenant_id, subject_id, occurred_at);

CREATE FUNCTION evidence_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the evidence ledger is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();

-- Head of each subject's hash chain; locked while appending so a subject's records chain in order.
CREATE TABLE subject_chain (
    tenant_id  text     NOT NULL,
    subject_id char(64) NOT NULL,
    head_hash  char(64),
    length     bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, subject_id)
);

-- Current consent per tenant (brand), subject and channel; derived from the ledger, rebuilt by replaying it.
CREATE TABLE consent_state (
    tenant_id         text        NOT NULL,
    subject_id        char(64)    NOT NULL,
    channel           text        NOT NULL,
    status            text        NOT NULL,
    level             text,
    basis_evidence_id uuid        NOT NULL REFERENCES evidence (id),
    changed_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subject_id, channel)
);

-- Every authorization decision, with the rule-set version and the evidence it relied on.
CREATE TABLE decision (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    subject_id       char(64)    NOT NULL,
    channel          text        NOT NULL,
    sender           text        NOT NULL,
    outcome          text        NOT NULL,
    reasons          text        NOT NULL,
    rule_set_version text        NOT NULL,
    evidence_ids     text        NOT NULL,
    decided_at       timestamptz NOT NULL
);
CREATE INDEX decision_by_subject ON decision (tenant_id, subject_id, decided_at);
