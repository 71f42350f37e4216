package io.consentmesh.retention.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@MeshTest
class RecordingInventoryTest {

    private static final TenantId TENANT = new TenantId("acme");

    @Inject
    SubjectKeys keys;

    @Test
    void aRecordingIsInventoriedOnceWithADueDateNinetyDaysLater() {
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        String person = TestNumbers.randomUs();
        Instant availableAt = Instant.parse("2026-11-20T15:10:00Z");
        EventEnvelope<RecordingAvailable> recording = recording(callId, person, availableAt);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(callStatus(callId, person)); // not a stored item: no effect
            kafka.send(recording);
            kafka.send(recording); // redelivered
            EventEnvelope<RecordingAvailable> later = recording(callId, person, availableAt.plusSeconds(60));
            // A second recording of the same call, on the same partition (same subject key): once it is inventoried,
            // both copies before it have been consumed, so counting then proves the second copy had no effect.
            kafka.send(later);

            await("the later recording inventoried, after both copies of the first")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            itemsOf(callId).body("itemRef", hasItem(later.data().recordingId())));
        }

        itemsOf(callId)
                .body("", hasSize(3)) // the two recordings, and the call's own record at its provider
                .body("findAll { it.category == 'RECORDING' }", hasSize(2))
                .body("find { it.category == 'CALL_METADATA' }.trigger", equalTo("CALL_ENDED"))
                .body("find { it.category == 'CALL_METADATA' }.address", equalTo("Accounts/AC-test/Calls/" + callId))
                .body("[0].category", equalTo("RECORDING"))
                .body("[0].itemRef", equalTo(recording.data().recordingId()))
                .body("[0].store", equalTo("twilio"))
                .body(
                        "[0].address",
                        equalTo("Accounts/AC-test/Recordings/"
                                + recording.data().recordingId()))
                .body("[0].subjectId", equalTo(keys.subjectOf(TENANT, person).value()))
                .body("[0].status", equalTo("RETAINED"))
                .body("[0].storedAt", equalTo("2026-11-20T15:10:00Z"))
                .body("[0].dueAt", equalTo("2027-02-18T15:10:00Z"));
        String dueAt = itemsOf(callId).extract().path("[0].dueAt");
        assertThat(Instant.parse(dueAt)).as("due date").isEqualTo(availableAt.plus(90, ChronoUnit.DAYS));
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheNextRecordingStillArrives() {
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TENANT, person).value();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(
                    Topics.TELEPHONY_CALL,
                    subject,
                    "{\"specversion\":\"1.0\",\"type\":\"mesh.call.recording-available.v1\"}");
            kafka.send(recording(callId, person, Instant.now()));

            await("the good recording after the poison")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> itemsOf(callId).body("", hasSize(1)));
            var dead =
                    kafka.await(Topics.RETENTION_DEAD_LETTER, r -> subject.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .startsWith("mesh.call.recording-available.v1 is invalid: id is required");
        }
    }

    @Test
    void aRecordingWhoseCallIdHasANulIsDeadLetteredNotRetriedForeverAndTheNextStillArrives() {
        // the fuzzer's find (issue 20): PostgreSQL cannot store NUL, and the consumer retried the event for ever
        String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TENANT, person).value();
        EventEnvelope<RecordingAvailable> poison = recording(callId + "-nul", person, Instant.now());
        double deadLettersBefore = deadLettersOf(Topics.TELEPHONY_CALL);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(
                    Topics.TELEPHONY_CALL,
                    subject,
                    EventCodec.encode(poison).replace(callId + "-nul", callId + "\\u0000"));
            kafka.send(recording(callId, person, Instant.now()));

            await("the good recording after the poison")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> itemsOf(callId).body("", hasSize(1)));
            var dead = kafka.await(
                    Topics.RETENTION_DEAD_LETTER, r -> r.value().contains(poison.id()), 1, Duration.ofSeconds(30));
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .contains("NUL");
        }
        // the connector dead-lettered it: counted where the batch consumers' dead letters are (the alert's metric)
        await("the dead letter counted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        deadLettersOf(Topics.TELEPHONY_CALL))
                .isGreaterThanOrEqualTo(deadLettersBefore + 1));
    }

    /** {@code mesh_dead_letters_total{topic}} as the service serves it to Prometheus. */
    private static double deadLettersOf(String topic) {
        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher series = Pattern.compile(
                        "^mesh_dead_letters_total\\{[^}]*topic=\"" + Pattern.quote(topic) + "\"[^}]*} (\\S+)$",
                        Pattern.MULTILINE)
                .matcher(metrics);
        return series.find() ? Double.parseDouble(series.group(1)) : 0;
    }

    @Test
    void aTranscriptIsInventoriedAtItsProviderAndOneSealedUnderItsCallsKeyAlsoAsThatKey() {
        String knownCall = "CA" + UUID.randomUUID().toString().replace("-", "");
        String unknownCall = "CA" + UUID.randomUUID().toString().replace("-", "");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(transcript(knownCall, keys.subjectOf(TENANT, TestNumbers.randomUs())));
            kafka.send(transcript(unknownCall, null));
            kafka.send(transcript(unknownCall, null)); // a second transcript of the call names the same key item
            await("both calls' transcripts inventoried")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        itemsOf(knownCall).body("", hasSize(1));
                        itemsOf(unknownCall).body("", hasSize(3));
                    });
        }
        itemsOf(knownCall).body("[0].store", equalTo("telnyx")).body("[0].category", equalTo("TRANSCRIPT"));
        itemsOf(unknownCall)
                .body("findAll { it.store == 'telnyx' }", hasSize(2))
                .body("findAll { it.store == 'consent-service' }", hasSize(1))
                .body(
                        "find { it.store == 'consent-service' }.address",
                        equalTo("tenants/acme/calls/" + unknownCall + "/data-key"))
                .body("find { it.store == 'consent-service' }.category", equalTo("TRANSCRIPT"));
    }

    @Test
    void aTwilioMessageIsInventoriedAsMessageContentOnceAndAnotherProvidersIsNot() {
        String person = TestNumbers.randomUs();
        io.consentmesh.contracts.envelope.SubjectId subject = keys.subjectOf(TENANT, person);
        EventEnvelope<SmsReceived> telnyx = sms(Provider.TELNYX, subject);
        EventEnvelope<SmsReceived> twilio = sms(Provider.TWILIO, subject);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            // one person, one partition: once the last is inventoried, the ones before it have been read
            kafka.send(telnyx);
            kafka.send(twilio);
            kafka.send(twilio); // redelivered
            await("the Twilio message inventoried")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/v1/retention/items/" + itemId("twilio", twilio))
                            .then()
                            .statusCode(200));
        }
        given().get("/v1/retention/items/" + itemId("twilio", twilio))
                .then()
                .body("category", equalTo("MESSAGE_CONTENT"))
                .body("store", equalTo("twilio"))
                .body(
                        "address",
                        equalTo("Accounts/AC-test/Messages/" + twilio.data().messageId()))
                .body("subjectId", equalTo(subject.value()))
                .body("status", equalTo("RETAINED"));
        assertThat(Instant.parse(given().get("/v1/retention/items/" + itemId("twilio", twilio))
                        .then()
                        .extract()
                        .<String>path("dueAt")))
                .as("six months, the standard profile's period for message content")
                .isEqualTo(twilio.data()
                        .receivedAt()
                        .atZone(java.time.ZoneOffset.UTC)
                        .plusMonths(6)
                        .toInstant());
        given().get("/v1/retention/items/" + itemId("telnyx", telnyx)).then().statusCode(404);
    }

    private static String itemId(String store, EventEnvelope<SmsReceived> message) {
        return EventIds.of(
                "retention-item", TENANT.value(), store, message.data().messageId());
    }

    private static EventEnvelope<SmsReceived> sms(
            Provider provider, io.consentmesh.contracts.envelope.SubjectId subject) {
        String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
        SmsReceived data = new SmsReceived(
                messageId,
                provider,
                "AC-test",
                "+12125550123",
                "+14155550199",
                "hello",
                1,
                null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return EventEnvelope.of(
                EventIds.of("test-sms", messageId),
                URI.create("/call-ingest/test"),
                TENANT,
                subject,
                data.receivedAt(),
                data);
    }

    @Test
    void listingNeedsTenantAndCall() {
        given().get("/v1/retention/items?tenantId=acme")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("tenantId and callId are required"));
    }

    private static io.restassured.response.ValidatableResponse itemsOf(String callId) {
        return given().get("/v1/retention/items?tenantId=acme&callId=" + callId)
                .then()
                .statusCode(200);
    }

    private EventEnvelope<RecordingAvailable> recording(String callId, String person, Instant availableAt) {
        String recordingSid = "RE" + UUID.randomUUID().toString().replace("-", "");
        RecordingAvailable data = new RecordingAvailable(
                callId,
                recordingSid,
                Provider.TWILIO,
                "AC-test",
                "https://api.twilio.com/2010-04-01/Accounts/AC-test/Recordings/" + recordingSid,
                availableAt.minusSeconds(300),
                300,
                2,
                availableAt);
        return EventEnvelope.of(
                EventIds.of("twilio", "recording", recordingSid),
                URI.create("/call-ingest/twilio/AC-test"),
                TENANT,
                keys.subjectOf(TENANT, person),
                availableAt,
                data);
    }

    private static EventEnvelope<TranscriptAvailable> transcript(
            String callId, io.consentmesh.contracts.envelope.SubjectId subject) {
        String transcriptionId = "TR" + UUID.randomUUID().toString().replace("-", "");
        TranscriptAvailable data = new TranscriptAvailable(
                callId, Provider.TELNYX, "acct-1", transcriptionId, null, null, null, "hello", 0, Instant.now());
        return EventEnvelope.of(
                EventIds.of("telnyx", "transcript", transcriptionId),
                URI.create("/call-ingest/telnyx/acct-1"),
                TENANT,
                subject,
                data.occurredAt(),
                data);
    }

    private EventEnvelope<CallStatusChanged> callStatus(String callId, String person) {
        CallStatusChanged data = new CallStatusChanged(
                callId,
                Provider.TWILIO,
                "AC-test",
                CallDirection.INBOUND,
                person,
                "+14155550199",
                CallStatus.COMPLETED,
                4L,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("twilio", "call", callId, "4"),
                URI.create("/call-ingest/twilio/AC-test"),
                TENANT,
                keys.subjectOf(TENANT, person),
                data.occurredAt(),
                data);
    }
}
