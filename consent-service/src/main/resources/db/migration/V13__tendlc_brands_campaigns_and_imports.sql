-- The 10DLC registry (TCR-01, TCR-02, TCR-03, G-01, CAR-02): each tenant's brands, their campaigns and the sending
-- numbers assigned to them, with every status change kept, and the provider objects (Twilio BrandRegistration and
-- UsAppToPerson, Telnyx Brand and Campaign) they were imported from. Self-contained: it supersedes the minimal
-- campaign / sender_number / campaign_status_change tables, which nothing reads any more.

CREATE TABLE tendlc_brand (
    tenant_id    text        NOT NULL,
    brand_id     text        NOT NULL,
    legal_name   text,                 -- null until known: a Twilio BrandRegistration does not carry it
    display_name text,
    entity_type  text,
    status       text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'FAILED', 'SUSPENDED')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, brand_id)
);

CREATE TABLE tendlc_brand_status_change (
    tenant_id       text        NOT NULL,
    brand_id        text        NOT NULL,
    previous_status text,
    status          text        NOT NULL,
    source          text        NOT NULL,
    reason          text,
    changed_at      timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, brand_id) REFERENCES tendlc_brand (tenant_id, brand_id)
);
CREATE INDEX tendlc_brand_status_change_brand ON tendlc_brand_status_change (tenant_id, brand_id, changed_at);

CREATE TABLE tendlc_campaign (
    tenant_id          text        NOT NULL,
    campaign_id        text        NOT NULL,
    brand_id           text        NOT NULL,
    use_case           text        NOT NULL,
    sub_use_cases      text[]      NOT NULL DEFAULT '{}',
    status             text        NOT NULL
        CHECK (status IN ('ACTIVE', 'PENDING', 'SUSPENDED', 'EXPIRED', 'REJECTED')),
    description        text,
    message_flow       text,
    opt_in_message     text,
    opt_out_message    text,
    help_message       text,
    message_samples    text[]      NOT NULL DEFAULT '{}',
    embedded_links     boolean,
    embedded_phone     boolean,
    age_gated          boolean,
    direct_lending     boolean,
    number_pooling     boolean,
    subscriber_opt_in  boolean,
    subscriber_opt_out boolean,
    subscriber_help    boolean,
    expires_at         timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id),
    FOREIGN KEY (tenant_id, brand_id) REFERENCES tendlc_brand (tenant_id, brand_id)
);
CREATE INDEX tendlc_campaign_brand ON tendlc_campaign (tenant_id, brand_id);

CREATE TABLE tendlc_campaign_status_change (
    tenant_id       text        NOT NULL,
    campaign_id     text        NOT NULL,
    previous_status text,
    status          text        NOT NULL,
    source          text        NOT NULL,
    reason          text,
    changed_at      timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES tendlc_campaign (tenant_id, campaign_id)
);
CREATE INDEX tendlc_campaign_status_change_campaign
    ON tendlc_campaign_status_change (tenant_id, campaign_id, changed_at);

-- A number is on one campaign at a time (the primary key); tendlc_sender_assignment keeps every assignment.
CREATE TABLE tendlc_sender_number (
    tenant_id   text        NOT NULL,
    number      text        NOT NULL,
    campaign_id text        NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES tendlc_campaign (tenant_id, campaign_id)
);
CREATE INDEX tendlc_sender_number_campaign ON tendlc_sender_number (tenant_id, campaign_id);

CREATE TABLE tendlc_sender_assignment (
    tenant_id   text        NOT NULL,
    number      text        NOT NULL,
    campaign_id text        NOT NULL,
    assigned_at timestamptz NOT NULL,
    released_at timestamptz,
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES tendlc_campaign (tenant_id, campaign_id)
);
CREATE INDEX tendlc_sender_assignment_number ON tendlc_sender_assignment (tenant_id, number, assigned_at);

-- A provider's object (a Twilio BN… or QE… sid, a Telnyx brand or campaign id) and the registry entry it maps to.
-- provider_updated_at and content_sha256 make imports idempotent: the same object twice has one effect, an older
-- one changes nothing.
CREATE TABLE tendlc_provider_object (
    tenant_id           text        NOT NULL,
    provider            text        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('BRAND', 'CAMPAIGN')),
    provider_id         text        NOT NULL,
    local_id            text        NOT NULL,
    provider_status     text,
    provider_updated_at timestamptz,
    content_sha256      text,
    imported_at         timestamptz,
    PRIMARY KEY (tenant_id, provider, kind, provider_id)
);
CREATE INDEX tendlc_provider_object_local ON tendlc_provider_object (tenant_id, kind, local_id);

-- Every instance caches sender lookups; a committed change to a tenant's brands, campaigns or numbers tells every
-- instance to forget that tenant's entries (LISTEN tendlc_registry_changed, payload: the tenant id). PostgreSQL
-- delivers one notification per distinct payload and transaction.
CREATE FUNCTION tendlc_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tendlc_registry_changed', OLD.tenant_id);
    ELSE
        PERFORM pg_notify('tendlc_registry_changed', NEW.tenant_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tendlc_brand_changed AFTER INSERT OR UPDATE OR DELETE ON tendlc_brand
    FOR EACH ROW EXECUTE FUNCTION tendlc_registry_changed();
CREATE TRIGGER tendlc_campaign_changed AFTER INSERT OR UPDATE OR DELETE ON tendlc_campaign
    FOR EACH ROW EXECUTE FUNCTION tendlc_registry_changed();
CREATE TRIGGER tendlc_sender_number_changed AFTER INSERT OR UPDATE OR DELETE ON tendlc_sender_number
    FOR EACH ROW EXECUTE FUNCTION tendlc_registry_changed();
