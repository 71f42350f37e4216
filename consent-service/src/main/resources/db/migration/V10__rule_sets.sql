-- Versions of the authorization rules (docs/consent.md, "Rule-set format"). A decision names the version it was made
-- under, so a version, once stored, never changes: a new rule is a new version with a later effective_from.
CREATE TABLE rule_sets (
    version        text        PRIMARY KEY,
    effective_from timestamptz NOT NULL UNIQUE,
    body           jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION rule_sets_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rule sets are immutable; add a new version instead (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER rule_sets_immutable BEFORE UPDATE OR DELETE ON rule_sets
    FOR EACH ROW EXECUTE FUNCTION rule_sets_are_immutable();
