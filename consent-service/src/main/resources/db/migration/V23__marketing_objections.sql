-- A data-subject request's objection to direct marketing (GDPR Art. 21(2)-(3)): from then on no marketing is
-- authorized for the person, whatever their consent; other messages are decided as before. One per person.
CREATE TABLE marketing_objection (
    tenant_id   text        NOT NULL,
    subject_id  char(64)    NOT NULL,
    request_id  text        NOT NULL,
    objected_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subject_id)
);
