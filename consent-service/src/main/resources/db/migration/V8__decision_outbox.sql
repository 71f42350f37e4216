-- What a decision said beyond V1's columns, filled by the authorizer from now on.
ALTER TABLE decision ADD COLUMN defer_until timestamptz;
ALTER TABLE decision ADD COLUMN content_class text;
ALTER TABLE decision ADD COLUMN campaign_id text;

-- Every stored decision is published to consent.decision.v1 from this outbox (transactional outbox): the row is
-- written by the same transaction as the decision, so a decision is never stored without being published, and the
-- API never waits for the broker. DecisionPublisher deletes a row once the broker has acknowledged its event.
CREATE TABLE decision_outbox (
    seq         bigserial PRIMARY KEY,
    decision_id uuid      NOT NULL REFERENCES decision (id)
);

CREATE FUNCTION decision_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO decision_outbox (decision_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER decision_to_outbox AFTER INSERT ON decision FOR EACH ROW EXECUTE FUNCTION decision_to_outbox();
