package io.consentmesh.dsar.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A data-subject request and its clock. */
@Entity
@Table(name = "dsar_request")
public class DsarRequest {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "subject_id")
    public String subjectId;

    @Column(name = "request_type")
    public String requestType;

    public String jurisdiction;
    public String status;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "task_id")
    public String taskId;
}
