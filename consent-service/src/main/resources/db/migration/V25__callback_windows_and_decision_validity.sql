-- CB-01: a requested callback is permission for one call; the first answered outbound call after the request uses it
ALTER TABLE callback_request ADD COLUMN used_at timestamptz;
ALTER TABLE callback_request ADD COLUMN used_by_call text;
-- until when each ALLOW holds (null for DENY and DEFER, and for decisions made before validity was recorded)
ALTER TABLE decision ADD COLUMN valid_until timestamptz;
