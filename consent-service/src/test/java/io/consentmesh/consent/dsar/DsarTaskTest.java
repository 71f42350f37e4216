package io.consentmesh.consent.dsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
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
            assertThat(answer.held()).extracting(HeldData::category).contains("personal-data-erased");
            // the keys are gone, the erasure is on the record (once, even if the task comes again), the opt-out stays
            assertThat(ConsentDatabase.count(
                            db, "SELECT count(*) FROM mesh_keys.data_key WHERE subject_id = ?", subject.value()))
                    .isZero();
            kafka.send(deletion);
            await("the repeated task is answered too")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                                    .filter(r -> EventCodec.decode(r.value(), DsarTaskCompleted.class)
                                            .data()
                                            .taskId()
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
                                .map(r -> EventCodec.decode(r.value(), DsarTaskCompleted.class)
                                        .data())
                                .filter(a -> a.taskId().equals(taskId))
                                .toList(),
                        found -> !found.isEmpty());
        return answers.get(0);
    }
}
