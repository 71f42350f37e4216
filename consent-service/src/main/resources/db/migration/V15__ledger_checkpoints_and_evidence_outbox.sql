-- Signed checkpoints: per tenant, a Merkle root over the heads of the chains that grew since the tenant's previous
-- checkpoint, chained to that checkpoint's root and signed with Ed25519 (ledger/Checkpointer). An attacker who can
-- write to the database can rewrite a whole chain consistently, but cannot sign for it.
CREATE TABLE ledger_checkpoint (
    tenant_id     text        NOT NULL,
    sequence      bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    previous_root char(64),
    root          char(64)    NOT NULL,
    head_count    integer     NOT NULL,
    key_id        text        NOT NULL,
    signature     text        NOT NULL,
    PRIMARY KEY (tenant_id, sequence)
);

-- The chain heads each checkpoint signed for.
CREATE TABLE ledger_checkpoint_head (
    tenant_id    text     NOT NULL,
    sequence     bigint   NOT NULL,
    subject_id   char(64) NOT NULL,
    chain_length bigint   NOT NULL,
    head_hash    char(64) NOT NULL,
    PRIMARY KEY (tenant_id, sequence, subject_id),
    FOREIGN KEY (tenant_id, sequence) REFERENCES ledger_checkpoint (tenant_id, sequence)
);

CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER ledger_checkpoint_head_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint_head
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();

-- How much of each chain the latest checkpoint covers; chains that grew past it are the next checkpoint's heads.
ALTER TABLE subject_chain ADD COLUMN checkpointed_length bigint NOT NULL DEFAULT 0;
CREATE INDEX subject_chain_not_checkpointed ON subject_chain (tenant_id, subject_id)
    WHERE length > checkpointed_length;

-- Everything the ledger writes is published to consent.evidence.v1 from this outbox (ledger/EvidencePublisher):
-- each evidence record (by trigger, in the appending transaction) and each checkpoint (by the checkpointer).
CREATE TABLE evidence_outbox (
    seq                 bigserial PRIMARY KEY,
    evidence_id         uuid REFERENCES evidence (id) ON DELETE CASCADE, -- deleting evidence is tampering; do not let it also jam the relay
    checkpoint_tenant   text,
    checkpoint_sequence bigint,
    CHECK ((evidence_id IS NULL) <> (checkpoint_tenant IS NULL AND checkpoint_sequence IS NULL))
);

CREATE FUNCTION evidence_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO evidence_outbox (evidence_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER evidence_to_outbox AFTER INSERT ON evidence FOR EACH ROW EXECUTE FUNCTION evidence_to_outbox();

-- Records written before this migration are published too, so the topic holds the whole ledger.
INSERT INTO evidence_outbox (evidence_id) SELECT id FROM evidence ORDER BY recorded_at, id;
