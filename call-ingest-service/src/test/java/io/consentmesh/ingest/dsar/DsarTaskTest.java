package io.consentmesh.ingest.dsar;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.calls.CallParties;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.dsar.DsarTasks;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * call-ingest-service as a responder to data-subject tasks, through the real broker and database: an access task is
 * answered with the calls the person was on (the records before the answer), a deletion deletes them, a task without
 * a subject is dead-lettered with its reason.
 */
@QuarkusTest
@MeshTest
class DsarTaskTest extends IngestTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CallParties parties;

    @Override
    protected void registerAccounts() {}

    @Test
    void anAccessTaskGetsTheCallsThePersonWasOnAndADeletionDeletesThem() {
        SubjectId person = keys.subjectOf(TENANT, TestNumbers.randomUs());
        String firstCall = "CA" + UUID.randomUUID().toString().replace("-", "");
        String secondCall = "v3:" + UUID.randomUUID();
        parties.remember(Provider.TWILIO, firstCall, TENANT, person).await().atMost(WAIT);
        parties.remember(Provider.TELNYX, secondCall, TENANT, person).await().atMost(WAIT);

        EventEnvelope<DsarTaskIssued> access = task(person, DsarRequestType.ACCESS);
        kafka.send(access);
        List<ConsumerRecord<String, String>> sent = answered(access);
        DsarTaskCompleted answer = (DsarTaskCompleted)
                EventCodec.decode(sent.get(sent.size() - 1).value()).data();
        assertThat(answer.respondingService()).isEqualTo("call-ingest-service");
        assertThat(answer.outcome()).isEqualTo(DsarTaskOutcome.COMPLETED);
        assertThat(answer.held())
                .extracting(HeldData::category, HeldData::recordCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call-parties", 2L));
        assertThat(answer.recordPages()).isEqualTo(1);
        DsarHeldRecords page =
                (DsarHeldRecords) EventCodec.decode(sent.get(0).value()).data();
        assertThat(page.category()).isEqualTo("call-parties");
        assertThat(page.records()).extracting(r -> r.get("call_id")).containsExactlyInAnyOrder(firstCall, secondCall);
        assertThat(page.records()).allSatisfy(r -> assertThat(r).containsKeys("provider", "created_at", "deleted_by"));
        assertThat(sent).allSatisfy(r -> assertThat(r.key()).isEqualTo(person.value()));

        EventEnvelope<DsarTaskIssued> deletion = task(person, DsarRequestType.DELETION);
        kafka.send(deletion);
        List<ConsumerRecord<String, String>> deleted = answered(deletion);
        DsarTaskCompleted deletionAnswer = (DsarTaskCompleted)
                EventCodec.decode(deleted.get(deleted.size() - 1).value()).data();
        assertThat(deletionAnswer.held())
                .extracting(HeldData::category, HeldData::recordCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call-parties-deleted", 2L));
        assertThat(parties.subjectOf(Provider.TWILIO, firstCall, TENANT).await().atMost(WAIT))
                .isEmpty();
        assertThat(parties.subjectOf(Provider.TELNYX, secondCall, TENANT)
                        .await()
                        .atMost(WAIT))
                .isEmpty();
    }

    @Test
    void aStrangerHoldsNothingAndATaskWithoutSubjectIsDeadLettered() {
        EventEnvelope<DsarTaskIssued> restriction =
                task(keys.subjectOf(TENANT, TestNumbers.randomUs()), DsarRequestType.RESTRICTION);
        kafka.send(restriction);
        List<ConsumerRecord<String, String>> sent = answered(restriction);
        assertThat(sent).hasSize(1);
        assertThat(((DsarTaskCompleted) EventCodec.decode(sent.get(0).value()).data()).outcome())
                .isEqualTo(DsarTaskOutcome.NOTHING_HELD);

        EventEnvelope<DsarTaskIssued> anonymous = DsarTasks.withoutSubject(TENANT);
        String key = "no-subject-" + UUID.randomUUID();
        kafka.send(Topics.DSAR_TASK, key, EventCodec.encode(anonymous));
        var dead = kafka.await(Topics.INGEST_DEAD_LETTER, r -> key.equals(r.key()), 1, WAIT);
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                .isEqualTo("a DSAR task must name its subject");
    }

    /** Every event answering {@code task}, in order: pages, then the answer. */
    private static List<ConsumerRecord<String, String>> answered(EventEnvelope<DsarTaskIssued> task) {
        String completed = "\"" + io.consentmesh.contracts.envelope.EventType.DSAR_TASK_COMPLETED.type() + "\"";
        kafka.await(
                Topics.DSAR_TASK_RESULT,
                r -> r.value().contains(task.data().taskId()) && r.value().contains(completed),
                1,
                WAIT);
        return kafka.readAll(Topics.DSAR_TASK_RESULT).stream()
                .filter(r -> r.value().contains(task.data().taskId()))
                .toList();
    }

    private static EventEnvelope<DsarTaskIssued> task(SubjectId subject, DsarRequestType type) {
        return DsarTasks.of(TENANT, subject, type);
    }
}
