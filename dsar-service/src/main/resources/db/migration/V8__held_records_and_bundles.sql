-- The records each service sent for an access or portability copy, page by page (personal values sealed as the service
-- stores them), and how many pages its answer counts.
CREATE TABLE dsar_held_record (
    event_id           text        PRIMARY KEY,
    request_id         uuid        NOT NULL REFERENCES dsar_request (id),
    responding_service text        NOT NULL,
    category           text        NOT NULL,
    page               int         NOT NULL,
    records            jsonb       NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, responding_service, category, page)
);
ALTER TABLE dsar_task_result ADD COLUMN record_pages int NOT NULL DEFAULT 0;

-- The person's copy: a ZIP sealed under their data key (erasing them makes it unreadable), with its signed manifest
-- in clear for auditors (paths and hashes, no personal data). Deleted (content dropped) when it expires.
CREATE TABLE dsar_bundle (
    id          uuid        PRIMARY KEY,
    request_id  uuid        NOT NULL UNIQUE REFERENCES dsar_request (id),
    tenant_id   text        NOT NULL,
    subject_id  char(64)    NOT NULL,
    content     bytea,
    bytes       bigint      NOT NULL,
    manifest    text        NOT NULL,
    signature   text        NOT NULL,
    key_id      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE INDEX dsar_bundle_expiring ON dsar_bundle (expires_at) WHERE deleted_at IS NULL;

-- Download links: only the token's SHA-256 is kept; each link expires and serves a bounded number of downloads.
CREATE TABLE dsar_bundle_link (
    token_hash  char(64)    PRIMARY KEY,
    bundle_id   uuid        NOT NULL REFERENCES dsar_bundle (id),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    downloads   int         NOT NULL DEFAULT 0,
    max_downloads int       NOT NULL
);
CREATE INDEX dsar_bundle_link_of_bundle ON dsar_bundle_link (bundle_id);
