-- Schedules as data, legal holds, and the deletion commands sent for inventoried items (issue 15).

-- One row per tenant and category; a tenant's rows are made from a shipped profile the first time it is seen.
-- Periods are ISO-8601 (P90D, P12M, P10Y): PostgreSQL reads them as intervals, so due dates are computed in SQL.
CREATE TABLE retention_schedule (
    tenant_id   text        NOT NULL,
    category    text        NOT NULL,
    period      text        NOT NULL,
    trigger     text        NOT NULL,
    minimum     text,
    maximum     text,
    legal_basis text        NOT NULL,
    profile     text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    PRIMARY KEY (tenant_id, category)
);

-- Every change of a schedule, never updated: what it was, what it became, who, when and why.
CREATE TABLE retention_schedule_change (
    id             bigserial   PRIMARY KEY,
    tenant_id      text        NOT NULL,
    category       text        NOT NULL,
    old_period     text,
    new_period     text        NOT NULL,
    trigger        text        NOT NULL,
    profile        text        NOT NULL,
    reason         text        NOT NULL,
    changed_by     text        NOT NULL,
    changed_at     timestamptz NOT NULL,
    items_affected bigint      NOT NULL
);
CREATE INDEX retention_schedule_change_by_tenant ON retention_schedule_change (tenant_id, changed_at);

CREATE TABLE legal_hold (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    subject_id   char(64),
    call_id      text,
    category     text,
    stored_from  timestamptz,
    stored_until timestamptz,
    reason       text        NOT NULL,
    matter_id    text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    released_by  text,
    released_at  timestamptz,
    release_note text
);
CREATE INDEX legal_hold_active ON legal_hold (tenant_id) WHERE released_at IS NULL;

-- The inventory grows what a deletion needs: which store holds the item, what starts its period, and the sweeper's
-- next look at it (null once settled, or while a hold keeps it).
ALTER TABLE inventory_item
    ADD COLUMN store          text,
    ADD COLUMN trigger        text,
    ADD COLUMN trigger_at     timestamptz,
    ADD COLUMN next_action_at timestamptz,
    ADD COLUMN pending_action text,
    ADD COLUMN reason         text,
    ADD COLUMN attempts       int         NOT NULL DEFAULT 0,
    ADD COLUMN held_since     timestamptz,
    ADD COLUMN quarantined_at timestamptz,
    ADD COLUMN settled_at     timestamptz,
    ADD COLUMN outcome        text,
    ADD COLUMN escalated_at   timestamptz,
    ALTER COLUMN due_at DROP NOT NULL,
    ALTER COLUMN storage_uri DROP NOT NULL,
    ALTER COLUMN source_event_id DROP NOT NULL;
UPDATE inventory_item SET store = 'twilio', trigger = 'STORED', trigger_at = stored_at, next_action_at = due_at;
ALTER TABLE inventory_item ALTER COLUMN store SET NOT NULL, ALTER COLUMN trigger SET NOT NULL;
DROP INDEX inventory_due;
-- the sweeper reads this index from its start: only items that need a look now, never the whole inventory
CREATE INDEX inventory_next_action ON inventory_item (next_action_at) WHERE next_action_at IS NOT NULL;
CREATE INDEX inventory_held ON inventory_item (tenant_id) WHERE held_since IS NOT NULL;
-- overdue items not escalated yet: the escalation pass reads this index from its start
-- undeleted items by due date: the overdue gauges read it from its start
CREATE INDEX inventory_unsettled_due ON inventory_item (due_at) WHERE settled_at IS NULL;
CREATE INDEX inventory_unescalated ON inventory_item (due_at) WHERE settled_at IS NULL AND escalated_at IS NULL;
CREATE INDEX inventory_by_category ON inventory_item (tenant_id, category) WHERE settled_at IS NULL;
-- items the mesh cannot see arrive through the API with the tenant's own reference: one row per reference
CREATE UNIQUE INDEX inventory_once_per_store_address ON inventory_item (tenant_id, store, item_ref);

-- Each command sent, and the receipt that answered it.
CREATE TABLE deletion_command (
    command_id   text        PRIMARY KEY,
    item_id      uuid        NOT NULL REFERENCES inventory_item (id),
    action       text        NOT NULL,
    reason       text        NOT NULL,
    attempt      int         NOT NULL,
    issued_at    timestamptz NOT NULL,
    outcome      text,
    detail       text,
    agent        text,
    receipted_at timestamptz
);
CREATE INDEX deletion_command_by_item ON deletion_command (item_id);

-- Commands and escalations queued in the sweep's own transaction and published from here (transactional outbox):
-- a command row always reaches the topic, and nothing reaches it that the sweep did not commit.
CREATE TABLE retention_outbox (
    seq            bigserial PRIMARY KEY,
    command_id     text      REFERENCES deletion_command (command_id),
    escalated_item uuid      REFERENCES inventory_item (id),
    CHECK ((command_id IS NULL) <> (escalated_item IS NULL))
);

-- Violations seen per call, so a recording inventoried after its violation is quarantined too.
CREATE TABLE call_violation (
    tenant_id   text        NOT NULL,
    call_id     text        NOT NULL,
    evidence_id text        NOT NULL,
    verdict     text        NOT NULL,
    decided_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, call_id)
);
