-- The security store, shared by every service of one installation (schema "security", migrated by mesh-security's
-- SecurityStoreMigration with its own history table). Per-tenant API keys and the security audit log.

-- API keys: "<key_id>.<secret>"; only a slow hash of the secret is kept. Several keys of a tenant are valid at once
-- (rotation); a key ends by expiry or revocation, and is never reused.
CREATE TABLE api_key (
    key_id      text        PRIMARY KEY,
    tenant_id   text,                       -- null only for platform-admin keys, which belong to no tenant
    name        text        NOT NULL,
    roles       text[]      NOT NULL,
    secret_hash text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    expires_at  timestamptz,
    revoked_at  timestamptz,
    rotated_to  text REFERENCES api_key (key_id),
    CHECK ((tenant_id IS NULL) = (roles = ARRAY['platform-admin']))
);
CREATE INDEX api_key_by_tenant ON api_key (tenant_id, created_at);

-- Security audit log: who read or changed personal data, evidence, DSAR data or audit reports. One hash chain per
-- tenant and service (ChainedLog layout), so services never wait on each other's chain locks.
CREATE TABLE access_chain (
    tenant_id  text     NOT NULL,
    subject_id char(64) NOT NULL,
    head_hash  char(64),
    length     bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, subject_id)
);

CREATE TABLE access_record (
    seq          bigserial   UNIQUE,    -- the order records were written in, for listing and verification
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    subject_id   char(64)    NOT NULL,  -- the chain: sha-256 of the service name
    at           timestamptz NOT NULL,
    service      text        NOT NULL,
    principal    text        NOT NULL,
    credential   text        NOT NULL,  -- api-key or oidc
    roles        text        NOT NULL,
    operation    text        NOT NULL,  -- "METHOD /path/template"
    data_subject text,                  -- the pseudonymous subject id or resource id the operation touched
    outcome      int         NOT NULL,  -- the HTTP status answered
    prev_hash    char(64),
    hash         char(64)    NOT NULL
);
CREATE INDEX access_record_by_tenant_time ON access_record (tenant_id, at);

-- Append-only: nothing updates or deletes a record (the seed policy keeps security audit logs at least one year; a
-- retention job that removes older records is retention-service's work and will have to say so here).
CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the security audit log is append-only';
END
$$;
CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE ON access_record
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();
