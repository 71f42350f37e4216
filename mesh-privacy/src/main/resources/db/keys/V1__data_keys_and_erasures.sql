-- Subjects' data keys, wrapped by their tenant's key-encryption key. Deleting a row is the erasure: whatever was
-- sealed with that key can no longer be opened, wherever the ciphertext was copied (tables, topics, backups).
CREATE TABLE data_key (
    key_id     uuid        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    subject_id text        NOT NULL,
    kek_id     text        NOT NULL,
    wrapped    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- one key in use per person; a person who comes back after an erasure gets a new one
    CONSTRAINT one_data_key_per_subject UNIQUE (tenant_id, subject_id)
);
CREATE INDEX data_key_by_kek ON data_key (kek_id);

-- Who erased whom, when, on which request: what remains of a subject's keys (no key material).
CREATE TABLE erasure (
    tenant_id      text        NOT NULL,
    subject_id     text        NOT NULL,
    erased_at      timestamptz NOT NULL,
    erased_by      text        NOT NULL,
    request_ref    text,
    keys_destroyed int         NOT NULL,
    PRIMARY KEY (tenant_id, subject_id, erased_at)
);

-- Only the owner role (and the service roles granted it) may read keys.
REVOKE ALL ON data_key, erasure FROM PUBLIC;
