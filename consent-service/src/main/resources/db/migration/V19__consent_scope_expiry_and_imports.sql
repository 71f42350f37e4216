-- Consent of one campaign besides brand-wide consent (G-02), and consent that lapses.
-- scope is '' for the whole brand (the tenant) or the campaign id the consent is limited to; it is part of the key so
-- a person may hold brand-wide consent and campaign consents of different levels side by side.
ALTER TABLE consent_state ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE consent_state ADD COLUMN expires_at timestamptz;
ALTER TABLE consent_state DROP CONSTRAINT consent_state_pkey;
ALTER TABLE consent_state ADD PRIMARY KEY (tenant_id, subject_id, channel, scope);

-- One bulk import of existing consents, with its per-row report, so the tenant can fetch the report again.
CREATE TABLE consent_import (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    received_at      timestamptz NOT NULL,
    format           text        NOT NULL,
    rows_total       integer     NOT NULL,
    recorded         integer     NOT NULL,
    already_recorded integer     NOT NULL,
    rejected         integer     NOT NULL,
    report           jsonb       NOT NULL
);
CREATE INDEX consent_import_by_tenant ON consent_import (tenant_id, received_at);
