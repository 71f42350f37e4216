-- A tenant's own keywords per language and intent, added to the built-in lists (keywords/KeywordLists). Built-in
-- keywords cannot be removed: the FCC's words revoke consent whatever a tenant configures (KW-01).
CREATE TABLE keyword_list (
    tenant_id text NOT NULL,
    language  text NOT NULL,
    intent    text NOT NULL,
    keyword   text NOT NULL,
    PRIMARY KEY (tenant_id, language, intent, keyword)
);

-- Replies the mesh asks the tenant's messaging to send: a campaign's HELP text (KW-03), the one opt-out confirmation
-- (KW-08). One row per person's message and kind; a reply that could not go out in time is kept as SKIPPED with why.
CREATE TABLE reply_command (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    subject_id     char(64)    NOT NULL,
    kind           text        NOT NULL,
    from_number    text        NOT NULL,
    to_number      text        NOT NULL,
    body           text        NOT NULL,
    in_reply_to    text        NOT NULL,
    campaign_id    text,
    requested_at   timestamptz NOT NULL,
    not_after      timestamptz NOT NULL,
    status         text        NOT NULL,
    skipped_reason text
);
CREATE INDEX reply_command_by_subject ON reply_command (tenant_id, subject_id, requested_at);

-- Queued replies are published to consent.reply-command.v1 from this outbox (replies/ReplyPublisher).
CREATE TABLE reply_outbox (
    seq      bigserial PRIMARY KEY,
    reply_id uuid NOT NULL REFERENCES reply_command (id)
);
CREATE FUNCTION reply_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'QUEUED' THEN
        INSERT INTO reply_outbox (reply_id) VALUES (NEW.id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER reply_to_outbox AFTER INSERT ON reply_command FOR EACH ROW EXECUTE FUNCTION reply_to_outbox();

-- Messages that may be revocations in other words (KW-05), waiting for a person to confirm or dismiss them.
CREATE TABLE revocation_review (
    id              uuid         PRIMARY KEY,
    tenant_id       text         NOT NULL,
    subject_id      char(64)     NOT NULL,
    source_event_id text         NOT NULL,
    body            text         NOT NULL,
    tenant_number   text,
    confidence      numeric(4,3) NOT NULL,
    phrase          text         NOT NULL,
    received_at     timestamptz  NOT NULL,
    status          text         NOT NULL DEFAULT 'PENDING',
    decided_by      text,
    decided_at      timestamptz,
    evidence_id     uuid,
    UNIQUE (tenant_id, source_event_id)
);
CREATE INDEX revocation_review_pending ON revocation_review (tenant_id, received_at) WHERE status = 'PENDING';

-- When each revocation was received and when it was enforced, against the 10-business-day limit (KW-07).
CREATE TABLE revocation_enforcement (
    evidence_id uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    subject_id  char(64)    NOT NULL,
    received_at timestamptz NOT NULL,
    enforced_at timestamptz NOT NULL,
    deadline    timestamptz NOT NULL
);
CREATE INDEX revocation_enforcement_by_received ON revocation_enforcement (tenant_id, received_at);
