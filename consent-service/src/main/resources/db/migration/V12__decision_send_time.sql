-- The instant a decision applied the rules to: the planned send time a scheduler asked about, or the decision time.
-- Frequency caps count allowed contacts by it.
ALTER TABLE decision ADD COLUMN decided_for timestamptz;
UPDATE decision SET decided_for = decided_at;
ALTER TABLE decision ALTER COLUMN decided_for SET NOT NULL;
CREATE INDEX decision_allowed_by_send_time ON decision (tenant_id, subject_id, decided_for) WHERE outcome = 'ALLOW';
DROP INDEX decision_allowed_by_subject; -- V9's, by decision time; caps count by send time now
