-- Disclosures of a person's data to third parties (authorities, processors, sub-processors …), recorded by privacy-ops
-- and included in the person's access answers (DSR-03: recipients, and third countries). The person only as their
-- subject id. A disclosure recorded twice under the same reference is one disclosure.
CREATE TABLE recipient_disclosure (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    subject_id     char(64)    NOT NULL,
    recipient      text        NOT NULL,
    recipient_kind text        NOT NULL,
    country        char(2),
    categories     text[]      NOT NULL,
    purpose        text        NOT NULL,
    legal_basis    text,
    disclosed_at   timestamptz NOT NULL,
    reference      text        NOT NULL,
    recorded_by    text        NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT recipient_disclosure_once UNIQUE (tenant_id, reference)
);
CREATE INDEX recipient_disclosure_by_subject ON recipient_disclosure (tenant_id, subject_id, disclosed_at);
