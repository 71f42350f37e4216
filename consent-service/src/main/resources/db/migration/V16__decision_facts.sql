-- The facts each decision was made on (rules/AuthorizationFacts as JSON), so that an audit can re-evaluate it under
-- the rules of its day, today's rules or a candidate rule set without reconstructing what was known then. Decisions
-- stored before this column existed have none; the audits list them as not re-checkable.
ALTER TABLE decision ADD COLUMN facts text;
