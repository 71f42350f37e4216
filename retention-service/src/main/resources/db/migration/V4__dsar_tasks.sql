-- Data-subject request tasks from dsar-service (dsar.task.v1), each accepted once: an access-type task is answered at
-- once with what the inventory holds of the person; a deletion task makes every item of theirs due now (reason
-- DELETION_REQUEST) and is answered only when each of them is deleted or kept by a legal hold (the exception listed).
CREATE TABLE dsar_task (
    task_id      text        PRIMARY KEY,
    request_id   text        NOT NULL,
    tenant_id    text        NOT NULL,
    subject_id   char(64)    NOT NULL,
    request_type text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    answered_at  timestamptz,
    answer       text
);
CREATE INDEX dsar_task_open ON dsar_task (received_at) WHERE answered_at IS NULL;
-- The answers, queued in the transaction that makes them and published from here (transactional outbox).
CREATE TABLE dsar_answer_outbox (
    seq     bigserial PRIMARY KEY,
    task_id text      NOT NULL REFERENCES dsar_task (task_id)
);
