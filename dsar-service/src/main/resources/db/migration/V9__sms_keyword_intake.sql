-- Each inbound SMS that opened a privacy request (a keyword), once: a message delivered again opens nothing more.
CREATE TABLE dsar_sms_intake (
    event_id    text        PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES dsar_request (id),
    received_at timestamptz NOT NULL DEFAULT now()
);
