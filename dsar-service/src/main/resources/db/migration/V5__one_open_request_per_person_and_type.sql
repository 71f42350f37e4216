-- One open request per person and type: a second one while the first awaits its answers is joined to it, not doubled.
CREATE UNIQUE INDEX dsar_request_one_open ON dsar_request (tenant_id, subject_id, request_type)
    WHERE status = 'AWAITING_RESULTS';
