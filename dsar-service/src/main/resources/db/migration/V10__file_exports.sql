-- Files a deletion agent copies for a person's access copy (the stores dsar-service cannot read itself): one export
-- per request and item, its command queued in the same statement (transactional outbox), its answer applied once.
CREATE TABLE dsar_file_export (
    export_id    uuid        PRIMARY KEY,
    request_id   uuid        NOT NULL REFERENCES dsar_request (id),
    item_id      text        NOT NULL,
    category     text        NOT NULL,
    store        text        NOT NULL,
    address      text        NOT NULL,
    target       text        NOT NULL,
    commanded_at timestamptz NOT NULL DEFAULT now(),
    outcome      text        CHECK (outcome IN ('EXPORTED', 'NOT_FOUND', 'TOO_LARGE', 'NOT_A_FILE', 'FAILED')),
    bytes        bigint,
    sha256       text,
    content_type text,
    detail       text,
    agent        text,
    answered_at  timestamptz,
    UNIQUE (request_id, item_id)
);

CREATE TABLE dsar_file_export_outbox (
    seq       bigserial PRIMARY KEY,
    export_id uuid      NOT NULL REFERENCES dsar_file_export (export_id)
);
