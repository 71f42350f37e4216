-- Which tenant a provider account belongs to (the tenant is resolved from the account id in each webhook).
CREATE TABLE provider_account (
    provider   text        NOT NULL,
    account_id text        NOT NULL,
    tenant_id  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, account_id)
);

-- Signing credentials of an account; several are valid at once while one is being rotated.
CREATE TABLE provider_credential (
    id          uuid        PRIMARY KEY,
    provider    text        NOT NULL,
    account_id  text        NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    valid_until timestamptz,
    FOREIGN KEY (provider, account_id) REFERENCES provider_account (provider, account_id) ON DELETE CASCADE
);
CREATE INDEX provider_credential_by_account ON provider_credential (provider, account_id);

-- Webhooks already published, by deterministic event id, so a provider's retry is not published again.
CREATE TABLE webhook_receipt (
    event_id    text        PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);
