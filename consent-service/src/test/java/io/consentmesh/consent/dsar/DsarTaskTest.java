package io.consentmesh.consent.dsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class DsarTaskTest {

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Test
    void answersADsarTaskWithTheEvidenceAndStateItHoldsForTheSubject() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            stop(kafka, person, subject);
            EventEnvelope<DsarTaskIssued> task = task(subject);
            kafka.send(task);

            DsarTaskCompleted answer = answerTo(kafka, task.data().taskId());

            assertThat(answer.requestId()).isEqualTo(task.data().requestId());
            assertThat(answer.respondingService()).isEqualTo("consent-service");
            assertThat(answer.outcome()).isEqualTo(DsarTaskOutcome.COMPLETED);
            assertThat(answer.held())
                    .extracting(HeldData::category, HeldData::recordCount)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("consent-evidence", 1L),
                            org.assertj.core.groups.Tuple.tuple("consent-state", 2L));
        }
    }

    @Test
    void anAccessTaskSendsTheRecordsThemselvesBeforeTheAnswerWithThePersonalValuesSealed() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            stop(kafka, person, subject);
            EventEnvelope<DsarTaskIssued> task = task(subject);
            kafka.send(task);
            DsarTaskCompleted answer = answerTo(kafka, task.data().taskId());

            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> sent =
                    kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                            .filter(r -> r.value().contains(task.data().taskId()))
                            .toList();
            List<DsarHeldRecords> pages = sent.stream()
                    .map(r -> EventCodec.decode(r.value()).data())
                    .filter(DsarHeldRecords.class::isInstance)
                    .map(DsarHeldRecords.class::cast)
                    .toList();
            assertThat(answer.recordPages()).isEqualTo(pages.size());
            // the pages precede the answer on the subject's partition
            assertThat(sent).allSatisfy(r -> assertThat(r.key()).isEqualTo(subject.value()));
            assertThat(EventCodec.decode(sent.get(sent.size() - 1).value()).data())
                    .isInstanceOf(DsarTaskCompleted.class);
            java.util.Map<String, List<java.util.Map<String, Object>>> byCategory = new java.util.HashMap<>();
            pages.forEach(p -> byCategory
                    .computeIfAbsent(p.category(), c -> new java.util.ArrayList<>())
                    .addAll(p.records()));
            assertThat(byCategory.get("consent-evidence")).hasSize(1);
            assertThat(byCategory.get("consent-state")).hasSize(2);
            java.util.Map<String, Object> stopRecord =
                    byCategory.get("consent-evidence").get(0);
            assertThat(stopRecord).containsKeys("id", "kind", "channel", "occurred_at", "content", "hash");
            assertThat(stopRecord).doesNotContainKeys("tenant_id", "subject_id");
            // what the person texted stays sealed on the topic, as the ledger stores it
            assertThat(stopRecord.get("content").toString()).contains("pv1.").doesNotContain(person);
            assertThat(sent).noneSatisfy(r -> assertThat(r.value()).contains(person));
        }
    }

    @Test
    void answersNothingHeldForAStranger() {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<DsarTaskIssued> task = task(keys.subjectOf(TestEvents.TENANT, TestNumbers.randomUs()));
            kafka.send(task);

            DsarTaskCompleted answer = answerTo(kafka, task.data().taskId());

            assertThat(answer.outcome()).isEqualTo(DsarTaskOutcome.NOTHING_HELD);
            assertThat(answer.held()).isEmpty();
        }
    }

    @Test
    void aDeletionTaskErasesThePersonAndKeepsTheirOptOut() {
        String person = TestNumbers.randomUs();
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            stop(kafka, person, subject);
            EventEnvelope<DsarTaskIssued> deletion = TestEvents.dsarTask(subject, DsarRequestType.DELETION);
            kafka.send(deletion);

            DsarTaskCompleted answer = answerTo(kafka, deletion.data().taskId());

            assertThat(answer.outcome()).isEqualTo(DsarTaskOutcome.COMPLETED);
            // what was done, then what was kept and why (the answer letter lists the exception-… entries)
            assertThat(answer.held())
                    .extracting(HeldData::category)
                    .containsExactly("personal-data-erased", "exception-suppression-kept", "exception-evidence-kept");
            assertThat(answer.held().get(2).summary()).contains("5 years");
            // the keys are gone, the erasure is on the record (once, even if the task comes again), the opt-out stays
            assertThat(ConsentDatabase.count(
                            db, "SELECT count(*) FROM mesh_keys.data_key WHERE subject_id = ?", subject.value()))
                    .isZero();
            kafka.send(deletion);
            await("the repeated task is answered too")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                                    .map(r -> EventCodec.decode(r.value()).data())
                                    .filter(a -> a instanceof DsarTaskCompleted repeated
                                            && repeated.taskId()
                                                    .equals(deletion.data().taskId()))
                                    .count()
                            >= 2);
            assertThat(ConsentDatabase.count(
                            db,
                            "SELECT count(*) FROM consent.evidence WHERE subject_id = ? AND kind = 'SUBJECT_ERASED'"
                                    + " AND content ->> 'requestRef' = ?",
                            subject.value(),
                            deletion.data().requestId()))
                    .isEqualTo(1);
            assertThat(ConsentDatabase.count(
                            db,
                            "SELECT count(*) FROM consent.consent_state WHERE subject_id = ? AND status = 'REVOKED'",
                            subject.value()))
                    .isEqualTo(2);
        }
    }

    /** The person texts STOP; returns once it is applied to both channels. */
    private void stop(KafkaTestClient kafka, String person, SubjectId subject) {
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        await("STOP applied to both channels")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ConsentDatabase.count(
                                db, "SELECT count(*) FROM consent.consent_state WHERE subject_id = ?", subject.value())
                        == 2);
    }

    private static EventEnvelope<DsarTaskIssued> task(SubjectId subject) {
        return TestEvents.dsarTask(subject, DsarRequestType.ACCESS);
    }

    private static DsarTaskCompleted answerTo(KafkaTestClient kafka, String taskId) {
        List<DsarTaskCompleted> answers = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                                .map(r -> EventCodec.decode(r.value()).data())
                                .filter(a -> a instanceof DsarTaskCompleted answer
                                        && answer.taskId().equals(taskId))
                                .map(DsarTaskCompleted.class::cast)
                                .toList(),
                        found -> !found.isEmpty());
        return answers.get(0);
    }
}
