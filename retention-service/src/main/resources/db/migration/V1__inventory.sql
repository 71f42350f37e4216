-- Every stored item the mesh knows of, with the date by which it must be deleted.
CREATE TABLE inventory_item (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    subject_id      char(64),
    source_event_id text        NOT NULL,
    category        text        NOT NULL,
    item_ref        text        NOT NULL,
    call_id         text,
    storage_uri     text        NOT NULL,
    stored_at       timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    status          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- a redelivered event finds its row here and has no second effect
    CONSTRAINT inventory_once_per_source_event UNIQUE (tenant_id, source_event_id)
);
CREATE INDEX inventory_due ON inventory_item (status, due_at);
CREATE INDEX inventory_by_subject ON inventory_item (tenant_id, subject_id);
CREATE INDEX inventory_by_call ON inventory_item (tenant_id, call_id);
