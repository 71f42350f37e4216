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

    /** {@code service}'s answer to {@code task} holding {@code held}, before it is put in its event. */
    public static DsarTaskCompleted completed(EventEnvelope<DsarTaskIssued> task, String service, List<HeldData> held) {
        return new DsarTaskCompleted(
                task.data().taskId(),
                task.data().requestId(),
                service,
                DsarTaskOutcome.COMPLETED,
                held,
                null,
                Instant.now());
    }

    /** A disclosure of the person's recordings to a processor in Germany, recorded by privacy-ops as {@code ref}. */
    public static void discloseToProcessorInGermany(String person, String reference) {
        io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of(
                        "tenantId", "acme",
                        "phoneNumber", person,
                        "recipient", "Acme Transcription GmbH",
                        "recipientKind", "PROCESSOR",
                        "country", "DE",
                        "categories", List.of("call recordings"),
                        "purpose", "transcribing calls",
                        "legalBasis", "GDPR Art. 28 contract",
                        "disclosedAt", "2026-11-02T10:00:00Z",
                        "reference", reference))
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(201);
    }

    /** {@code service}'s answer to {@code task}: what it holds of the person. */
    public static EventEnvelope<DsarTaskCompleted> answer(
            SubjectKeys keys,
            TenantId tenant,
            EventEnvelope<DsarTaskIssued> task,
            String person,
            String service,
            List<HeldData> held) {
        DsarTaskCompleted completed = completed(task, service, held);
        return EventEnvelope.of(
                EventIds.of(service, "dsar-task-completed", task.data().taskId()),
                URI.create("/" + service + "/dsar"),
                tenant,
                keys.subjectOf(tenant, person),
                completed.completedAt(),
                completed);
    }
}
