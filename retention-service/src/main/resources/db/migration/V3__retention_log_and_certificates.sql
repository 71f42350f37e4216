-- Proof (issue 15): every retention event in an append-only hash-chained log (mesh-runtime's ChainedLog, the same
-- mechanism as the consent ledger), a signed disposal certificate per deleted item, and one per tenant and day.

-- One chain per tenant and person; items about no person, holds and schedule changes chain under subject 0…0.
CREATE TABLE retention_chain (
    tenant_id           text     NOT NULL,
    subject_id          char(64) NOT NULL,
    head_hash           char(64),
    length              bigint   NOT NULL DEFAULT 0,
    checkpointed_length bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, subject_id)
);

CREATE TABLE retention_record (
    id         uuid        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    subject_id char(64)    NOT NULL,
    kind       text        NOT NULL,
    item_id    uuid,
    detail     jsonb       NOT NULL,
    at         timestamptz NOT NULL,
    prev_hash  char(64),
    hash       char(64)    NOT NULL
);
CREATE INDEX retention_record_by_item ON retention_record (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX retention_record_by_chain ON retention_record (tenant_id, subject_id, at);

CREATE FUNCTION retention_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the retention log is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER retention_record_append_only BEFORE UPDATE OR DELETE ON retention_record
    FOR EACH ROW EXECUTE FUNCTION retention_record_is_append_only();

-- The signed statement that an item is gone: its facts, the command and the store's receipt (Ed25519).
CREATE TABLE disposal_certificate (
    item_id    uuid        PRIMARY KEY REFERENCES inventory_item (id),
    tenant_id  text        NOT NULL,
    day        date        NOT NULL,
    statement  text        NOT NULL,
    signature  text        NOT NULL,
    key_id     text        NOT NULL,
    issued_at  timestamptz NOT NULL
);
CREATE INDEX disposal_certificate_by_day ON disposal_certificate (tenant_id, day);

-- One per tenant and day: the Merkle root over that day's item certificates, signed.
CREATE TABLE disposal_batch_certificate (
    tenant_id    text        NOT NULL,
    day          date        NOT NULL,
    items        int         NOT NULL,
    merkle_root  char(64)    NOT NULL,
    statement    text        NOT NULL,
    signature    text        NOT NULL,
    key_id       text        NOT NULL,
    issued_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
