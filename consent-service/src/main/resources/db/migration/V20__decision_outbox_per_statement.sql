-- Decision storage at thousands of rows a second (docs/benchmarks.md, authorizations). The authorizer inserts
-- concurrent requests' decisions with one statement, so:
-- 1. the outbox is filled by one trigger call per statement instead of one per row;
-- 2. the outbox's foreign key goes: checking it locked every new decision row (FOR KEY SHARE), a second write of each
--    decision tuple. What matters, that a decision and its outbox row commit together, is the trigger's doing, and
--    decisions are never deleted.
ALTER TABLE decision_outbox DROP CONSTRAINT decision_outbox_decision_id_fkey;
DROP TRIGGER decision_to_outbox ON decision;
DROP FUNCTION decision_to_outbox();

-- SET search_path FROM CURRENT: the outbox is found whichever session inserts (Flyway runs this in the schema).
CREATE FUNCTION decisions_to_outbox() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO decision_outbox (decision_id) SELECT id FROM inserted;
    RETURN NULL;
END;
$$;

CREATE TRIGGER decisions_to_outbox AFTER INSERT ON decision REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_to_outbox();
