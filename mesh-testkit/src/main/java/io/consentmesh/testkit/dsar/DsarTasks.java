package io.consentmesh.testkit.dsar;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Data-subject tasks as dsar-service publishes them, for the responders' tests. */
public final class DsarTasks {

    private DsarTasks() {}

    /** A new task of {@code type} about {@code subject} (version 2 for the rights version 1 cannot carry). */
    public static EventEnvelope<DsarTaskIssued> of(TenantId tenant, SubjectId subject, DsarRequestType type) {
        String requestId = UUID.randomUUID().toString();
        DsarTaskIssued task = new DsarTaskIssued(
                "task-" + requestId, requestId, type, Instant.now().plus(30, ChronoUnit.DAYS));
        EventEnvelope<DsarTaskIssued> event = EventEnvelope.of(
                EventIds.of("dsar-service", "task", task.taskId()),
                URI.create("/dsar-service"),
                tenant,
                subject,
                Instant.now(),
                task);
        return DsarRequestType.FIRST_VERSION.contains(type)
                ? event
                : event.withData(EventType.DSAR_TASK_ISSUED_V2, task);
    }

    /** A task that names no subject: a responder must dead-letter it ("a DSAR task must name its subject"). */
    public static EventEnvelope<DsarTaskIssued> withoutSubject(TenantId tenant) {
        return of(tenant, null, DsarRequestType.ACCESS);
    }
}
