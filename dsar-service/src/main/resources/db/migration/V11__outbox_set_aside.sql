-- Outbox rows that can never be sent (an event too large for the broker, one its own contract refuses), set aside by
-- mesh-runtime's OutboxRelay with the reason so that the rows behind them go on (issue 20). An operator reads them
-- here, fixes the cause, and re-inserts the row into its outbox or records why it is dropped.
CREATE TABLE outbox_set_aside (
    id           bigserial   PRIMARY KEY,
    outbox       text        NOT NULL,
    seq          bigint      NOT NULL,
    reason       text        NOT NULL,
    content      jsonb       NOT NULL,
    set_aside_at timestamptz NOT NULL DEFAULT now()
);
