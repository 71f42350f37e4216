-- V11's first registry tables, superseded by V13's tendlc_* tables (brands, flags, histories, provider imports);
-- nothing reads them any more.
DROP TABLE campaign_status_change, sender_number, campaign;
DROP FUNCTION registry_changed();
