-- The tenant's 10DLC campaigns and which sending numbers are assigned to them (G-01). A number is on one campaign at
-- a time. Every status change is kept in campaign_status_change, so a past decision's campaign state can be shown.
CREATE TABLE campaign (
    tenant_id       text        NOT NULL,
    campaign_id     text        NOT NULL,
    brand_id        text        NOT NULL,
    use_cases       text[]      NOT NULL,
    status          text        NOT NULL,
    help_message    text,
    opt_out_message text,
    expires_at      timestamptz,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id)
);

CREATE TABLE campaign_status_change (
    tenant_id   text        NOT NULL,
    campaign_id text        NOT NULL,
    status      text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, campaign_id)
);

CREATE TABLE sender_number (
    tenant_id   text        NOT NULL,
    number      text        NOT NULL,
    campaign_id text        NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, campaign_id)
);

-- Every instance caches lookups; a change anywhere tells them all to forget (LISTEN registry_changed).
CREATE FUNCTION registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('registry_changed', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER campaign_changed AFTER INSERT OR UPDATE OR DELETE ON campaign
    FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();
CREATE TRIGGER sender_number_changed AFTER INSERT OR UPDATE OR DELETE ON sender_number
    FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();
