-- The scheduled whole-ledger verification (LedgerWatch) runs once per period across all replicas of the service: the
-- replica that moves next_due_at forward verifies; every replica reports the last result kept here in its gauges.
CREATE TABLE ledger_watch (
    name         text PRIMARY KEY,
    next_due_at  timestamptz NOT NULL,
    claimed_by   text,
    claimed_at   timestamptz,
    breaks       integer,
    verified_at  timestamptz
);
INSERT INTO ledger_watch (name, next_due_at) VALUES ('ledger', '-infinity');
