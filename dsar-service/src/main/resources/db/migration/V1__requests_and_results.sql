-- Data-subject requests and their legal clocks. The person is held only as their pseudonymous subject id.
CREATE TABLE dsar_request (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    subject_id   char(64)    NOT NULL,
    request_type text        NOT NULL,
    jurisdiction text        NOT NULL,
    status       text        NOT NULL,
    received_at  timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    task_id      text        NOT NULL UNIQUE
);
CREATE INDEX dsar_request_due ON dsar_request (status, due_at);

-- Each service's answer to a request's task, once per answer event.
CREATE TABLE dsar_task_result (
    event_id           text        PRIMARY KEY,
    request_id         uuid        NOT NULL REFERENCES dsar_request (id),
    responding_service text        NOT NULL,
    outcome            text        NOT NULL,
    held               jsonb       NOT NULL,
    failure_reason     text,
    completed_at       timestamptz NOT NULL,
    UNIQUE (request_id, responding_service)
);
