-- Identity verification (DSR-06): who asked and through which channel, the assurance the right needs, how and when
-- it was reached. The clock of a law that pauses while identity is pending starts at verification (clock_started_at
-- is null until then); a law whose clock counts verification time starts it at receipt. Requests taken before
-- verification existed were accepted as verified by privacy-ops.
ALTER TABLE dsar_request
    ADD COLUMN source              text        NOT NULL DEFAULT 'PRIVACY_OPS',
    ADD COLUMN language            text        NOT NULL DEFAULT 'en',
    ADD COLUMN assurance_required  text        NOT NULL DEFAULT 'REASONABLE',
    ADD COLUMN assurance_reached   text,
    ADD COLUMN verification_method text,
    ADD COLUMN verified_at         timestamptz,
    ADD COLUMN verified_by         text,
    ADD COLUMN clock_started_at    timestamptz,
    ADD COLUMN authorized_agent    jsonb,
    ADD COLUMN denied_at           timestamptz,
    ADD COLUMN denied_by           text,
    ADD COLUMN denial_basis        text,
    ADD COLUMN denial_reason       text;
UPDATE dsar_request SET verified_at = received_at, verification_method = 'ATTESTED', assurance_reached = 'REASONABLE',
                        verified_by = 'before identity verification existed', clock_started_at = received_at;

-- A second request of the same person and type while one is open (awaiting verification or answers) is joined.
DROP INDEX dsar_request_one_open;
CREATE UNIQUE INDEX dsar_request_one_open ON dsar_request (tenant_id, subject_id, request_type)
    WHERE status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS');

-- The one-time code of a request awaiting verification by SMS. The code is kept only as an HMAC under a key that is
-- not in the database; the number to text it to (for a resend) is sealed under the person's data key and dropped
-- once the request is verified.
CREATE TABLE dsar_verification_code (
    request_id   uuid        PRIMARY KEY REFERENCES dsar_request (id),
    code_mac     char(64)    NOT NULL,
    expires_at   timestamptz NOT NULL,
    attempts     int         NOT NULL DEFAULT 0,
    sends        int         NOT NULL DEFAULT 1,
    last_sent_at timestamptz NOT NULL,
    to_sealed    text
);

-- Every code sent, for the rate limits per number and per tenant (rows older than a day are of no use: pruned).
CREATE TABLE dsar_code_send (
    tenant_id  text        NOT NULL,
    subject_id char(64)    NOT NULL,
    sent_at    timestamptz NOT NULL
);
CREATE INDEX dsar_code_send_by_subject ON dsar_code_send (tenant_id, subject_id, sent_at);
CREATE INDEX dsar_code_send_by_tenant ON dsar_code_send (tenant_id, sent_at);

-- The texts to send, sealed (number and text) until the relay opens them and publishes to dsar.sms-command.v1.
CREATE TABLE dsar_sms_outbox (
    seq          bigserial   PRIMARY KEY,
    sms_id       uuid        NOT NULL,
    request_id   uuid        NOT NULL REFERENCES dsar_request (id),
    tenant_id    text        NOT NULL,
    subject_id   char(64)    NOT NULL,
    to_sealed    text        NOT NULL,
    body_sealed  text        NOT NULL,
    language     text        NOT NULL,
    requested_at timestamptz NOT NULL,
    not_after    timestamptz NOT NULL
);

-- The request's record: every transition in an append-only log hash-chained per person (mesh-runtime EventLog),
-- published to dsar.request.v1 from an outbox in the transaction that made the transition.
CREATE TABLE dsar_chain (
    tenant_id           text     NOT NULL,
    subject_id          char(64) NOT NULL,
    head_hash           char(64),
    length              bigint   NOT NULL DEFAULT 0,
    checkpointed_length bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, subject_id)
);
CREATE TABLE dsar_record (
    id         uuid        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    subject_id char(64)    NOT NULL,
    kind       text        NOT NULL,
    request_id uuid,
    detail     jsonb       NOT NULL,
    at         timestamptz NOT NULL,
    prev_hash  char(64),
    hash       char(64)    NOT NULL,
    seq        bigserial
);
CREATE INDEX dsar_record_by_request ON dsar_record (request_id, seq);
CREATE FUNCTION dsar_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the DSAR record is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER dsar_record_append_only BEFORE UPDATE OR DELETE ON dsar_record
    FOR EACH ROW EXECUTE FUNCTION dsar_record_is_append_only();
CREATE TABLE dsar_record_outbox (
    seq       bigserial PRIMARY KEY,
    record_id uuid      NOT NULL REFERENCES dsar_record (id)
);
