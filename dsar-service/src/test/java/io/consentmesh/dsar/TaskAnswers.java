package io.consentmesh.dsar;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The services' side of a DSAR task in tests: the task as published, and an answer to it as a service sends it. */
public final class TaskAnswers {

    private TaskAnswers() {}

    /** The task of request {@code requestId}, from dsar.task.v1. */
    public static EventEnvelope<DsarTaskIssued> taskOf(KafkaTestClient kafka, String requestId) {
        return EventCodec.decode(
                kafka.await(Topics.DSAR_TASK, r -> r.value().contains(requestId), 1, Duration.ofSeconds(30))
                        .get(0)
                        .value(),
                DsarTaskIssued.class);
    }

    /** {@code service}'s answer to {@code task}: what it holds of the person. */
    public static EventEnvelope<DsarTaskCompleted> answer(
            SubjectKeys keys,
            TenantId tenant,
            EventEnvelope<DsarTaskIssued> task,
            String person,
            String service,
            List<HeldData> held) {
        DsarTaskCompleted completed = new DsarTaskCompleted(
                task.data().taskId(),
                task.data().requestId(),
                service,
                DsarTaskOutcome.COMPLETED,
                held,
                null,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of(service, "dsar-task-completed", task.data().taskId()),
                URI.create("/" + service + "/dsar"),
                tenant,
                keys.subjectOf(tenant, person),
                completed.completedAt(),
                completed);
    }
}
