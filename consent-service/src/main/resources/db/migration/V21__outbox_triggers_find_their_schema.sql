-- The evidence and reply outbox triggers named their outbox tables without a schema, so an insert from a session
-- whose search_path is not "consent" (an operator's or a load generator's JDBC session) failed with "relation
-- evidence_outbox does not exist". Pin them to the schema Flyway runs this in, as V20 did for the decision trigger.
ALTER FUNCTION evidence_to_outbox() SET search_path FROM CURRENT;
ALTER FUNCTION reply_to_outbox() SET search_path FROM CURRENT;
