-- The task of a request is queued in the request's own transaction and published from here (transactional outbox):
-- a stored request always gets its task, and no task is ever published for a request that was not stored.
CREATE TABLE dsar_task_outbox (
    seq        bigserial PRIMARY KEY,
    request_id uuid      NOT NULL REFERENCES dsar_request (id)
);
