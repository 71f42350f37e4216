package io.consentmesh.ingest.runtime;

import static io.consentmesh.ingest.KeptRequests.keptWith;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.billing.BankVerificationRecord;
import io.consentmesh.contracts.billing.SubscriptionEndReason;
import io.consentmesh.contracts.billing.SubscriptionEnded;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The agent runtime's reports become call events keyed by the person, once each, after authentication. */
@QuarkusTest
@MeshTest
class AgentRuntimeApiTest extends IngestTestBase {

    private static final String KEY_ID = "rt-" + UUID.randomUUID();
    private static final String SECRET = "runtime-secret-" + UUID.randomUUID();
    private static boolean registered;

    @Override
    protected void registerAccounts() {
        if (!registered) {
            ProviderAccountsAdmin.register("agent_runtime", KEY_ID, "acme", List.of(SECRET));
            registered = true;
        }
    }

    @Test
    void kw05ASpokenStopIsPublishedOnceRedactedAndKeyedByThePerson() {
        String person = TestNumbers.randomUs();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> report = report(callId, person);
        report.put("intent", "OPT_OUT");
        report.put("transcriptOffsetMillis", 83250);
        report.put("utterance", "stop calling me, and my card is 4111 1111 1111 1111");
        report.put("confidence", 0.97);
        report.put("occurredAt", "2026-11-20T15:05:28Z");

        String eventId =
                post("verbal-consent", report).statusCode(202).extract().path("eventId");
        post("verbal-consent", report).statusCode(202).body("eventId", equalTo(eventId)); // the runtime's retry

        List<ConsumerRecord<String, String>> records = eventsWith(eventId, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key())
                .isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(records.get(0).value())).isEmpty();
        EventEnvelope<VerbalConsentDetected> event =
                published.opened(records.get(0).value(), VerbalConsentDetected.class);
        assertThat(event.data().intent()).isEqualTo(VerbalIntent.OPT_OUT);
        assertThat(event.data().transcriptOffsetMillis()).isEqualTo(83250L);
        assertThat(event.data().utterance())
                .isEqualTo("stop calling me, and my card is [REDACTED:PAYMENT_CARD_NUMBER]");
    }

    @Test
    void disclosureRecordingStateAndCallbackReportsBecomeTheirEvents() {
        String person = TestNumbers.randomUs();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> disclosure = report(callId, person);
        disclosure.putAll(Map.of(
                "announcementId", "recording-notice",
                "announcementVersion", "2026-03",
                "language", "en-US",
                "startedAt", "2026-11-20T15:04:01Z",
                "endedAt", "2026-11-20T15:04:05.400Z",
                "playedToEnd", true));
        Map<String, Object> recording = report(callId, person);
        recording.putAll(Map.of("state", "STARTED", "occurredAt", "2026-11-20T15:04:05.500Z"));
        Map<String, Object> callback = report(callId, person);
        callback.putAll(Map.of("preferredAt", "2026-11-21T17:00:00Z", "occurredAt", "2026-11-20T15:06:00Z"));

        String disclosureId =
                post("disclosure-played", disclosure).statusCode(202).extract().path("eventId");
        String recordingId =
                post("recording-state", recording).statusCode(202).extract().path("eventId");
        String callbackId =
                post("callback-requested", callback).statusCode(202).extract().path("eventId");

        DisclosurePlayed played = published
                .opened(eventsWith(disclosureId, 1).get(0).value(), DisclosurePlayed.class)
                .data();
        assertThat(played.announcementVersion()).isEqualTo("2026-03");
        assertThat(played.endedAt()).isEqualTo(Instant.parse("2026-11-20T15:04:05.400Z"));
        assertThat(played.playedToEnd()).isTrue();
        assertThat(published
                        .opened(eventsWith(recordingId, 1).get(0).value(), RecordingStateChanged.class)
                        .data()
                        .state())
                .isEqualTo(RecordingState.STARTED);
        assertThat(published
                        .opened(eventsWith(callbackId, 1).get(0).value(), CallbackRequested.class)
                        .data()
                        .preferredAt())
                .isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    }

    @Test
    void aWrongOrMissingKeyIs401AndAnInconsistentReportIs400() {
        Map<String, Object> disclosure = report("call-x", TestNumbers.randomUs());
        disclosure.putAll(Map.of(
                "announcementId", "recording-notice",
                "announcementVersion", "1",
                "language", "en-US",
                "startedAt", "2026-11-20T15:04:05Z",
                "endedAt", "2026-11-20T15:04:01Z",
                "playedToEnd", true));

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + KEY_ID + ".wrong")
                .body(disclosure)
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(disclosure)
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(401);
        post("disclosure-played", disclosure)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("endedAt is before startedAt"));
        disclosure.put("endedAt", "2026-11-20T15:04:09Z");
        disclosure.put("personNumber", "not a number");
        post("disclosure-played", disclosure)
                .statusCode(400)
                .body("detail", equalTo("personNumber: not a phone number: NOT_A_NUMBER"));
    }

    @Test
    void kw05ASpokenOptInAndARecordingStopAreTheirEventsOnceEach() {
        String person = TestNumbers.randomUs();
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> optIn = report(callId, person);
        optIn.putAll(Map.of(
                "intent", "OPT_IN",
                "transcriptOffsetMillis", 41200,
                "utterance", "yes, you can text me about my order",
                "occurredAt", "2026-11-20T15:04:46Z"));
        Map<String, Object> stopped = report(callId, person);
        stopped.putAll(Map.of("state", "STOPPED", "occurredAt", "2026-11-20T15:09:12Z"));

        String optInId = post("verbal-consent", optIn).statusCode(202).extract().path("eventId");
        String stoppedId =
                post("recording-state", stopped).statusCode(202).extract().path("eventId");
        post("recording-state", stopped).statusCode(202).body("eventId", equalTo(stoppedId)); // the runtime's retry

        assertThat(published
                        .opened(eventsWith(optInId, 1).get(0).value(), VerbalConsentDetected.class)
                        .data()
                        .intent())
                .isEqualTo(VerbalIntent.OPT_IN);
        List<ConsumerRecord<String, String>> stops = eventsWith(stoppedId, 1);
        assertThat(stops).hasSize(1);
        assertThat(published
                        .opened(stops.get(0).value(), RecordingStateChanged.class)
                        .data()
                        .state())
                .isEqualTo(RecordingState.STOPPED);
    }

    @Test
    void aLinkedAndAnUnlinkedBankAccountArePublishedOnceToBillingWithTheRecordIdOnly() {
        String person = TestNumbers.randomUs();
        Map<String, Object> linked = billingReport(person);
        linked.put("verification", Map.of("provider", "plaid", "recordId", "eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6"));
        linked.put("occurredAt", "2026-11-20T15:04:05Z");
        // what a careless runtime might add: never read, so never published
        linked.put("accountNumber", "000123456789");
        linked.put("routingNumber", "021000021");
        Map<String, Object> unlinked = billingReport(person);
        unlinked.put("verification", Map.of("provider", "plaid", "recordId", "eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6"));
        unlinked.put("occurredAt", "2026-12-01T09:00:00Z");

        String linkedId =
                post("bank-account-linked", linked).statusCode(202).extract().path("eventId");
        post("bank-account-linked", linked).statusCode(202).body("eventId", equalTo(linkedId)); // the runtime's retry
        String unlinkedId = post("bank-account-unlinked", unlinked)
                .statusCode(202)
                .extract()
                .path("eventId");

        List<ConsumerRecord<String, String>> linkedRecords = billingEventsWith(linkedId);
        assertThat(linkedRecords).hasSize(1);
        ConsumerRecord<String, String> unlinkedRecord =
                billingEventsWith(unlinkedId).get(0);
        for (ConsumerRecord<String, String> record : List.of(linkedRecords.get(0), unlinkedRecord)) {
            assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
            assertThat(new EventSchemas().violations(record.value())).isEmpty();
            assertThat(record.value()).doesNotContain("000123456789", "021000021", "accountNumber");
        }
        EventEnvelope<BankAccountLinked> event =
                published.opened(linkedRecords.get(0).value(), BankAccountLinked.class);
        assertThat(event.source()).hasToString("/call-ingest/agent_runtime/" + KEY_ID);
        assertThat(event.data().billingAccountId()).isEqualTo(linked.get("billingAccountId"));
        assertThat(event.data().verification())
                .isEqualTo(new BankVerificationRecord("plaid", "eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6"));
        BankAccountUnlinked ended = published
                .opened(unlinkedRecord.value(), BankAccountUnlinked.class)
                .data();
        assertThat(ended.occurredAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void anEndedSubscriptionIsPublishedOnceToBilling() {
        String person = TestNumbers.randomUs();
        Map<String, Object> ended = billingReport(person);
        ended.putAll(Map.of(
                "subscriptionId", "sub_1MowQVLkdIwHu7ixeRlqHVzs",
                "reason", "PAYMENT_FAILED",
                "endedAt", "2026-11-30T23:59:59Z"));

        String eventId =
                post("subscription-ended", ended).statusCode(202).extract().path("eventId");
        post("subscription-ended", ended).statusCode(202).body("eventId", equalTo(eventId));

        List<ConsumerRecord<String, String>> records = billingEventsWith(eventId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key())
                .isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(records.get(0).value())).isEmpty();
        SubscriptionEnded subscription = published
                .opened(records.get(0).value(), SubscriptionEnded.class)
                .data();
        assertThat(subscription.subscriptionId()).isEqualTo("sub_1MowQVLkdIwHu7ixeRlqHVzs");
        assertThat(subscription.reason()).isEqualTo(SubscriptionEndReason.PAYMENT_FAILED);
        assertThat(subscription.endedAt()).isEqualTo(Instant.parse("2026-11-30T23:59:59Z"));
    }

    @Test
    void anInvalidBillingReportIs400AndKeptEncryptedOnTheRejectedTopicAndPublishesNothing() {
        String person = TestNumbers.randomUs();
        Map<String, Object> accountNumber = billingReport(person);
        accountNumber.put("verification", Map.of("provider", "plaid", "recordId", "000123456789"));
        accountNumber.put("occurredAt", "2026-11-20T15:04:05Z");
        Map<String, Object> noReason = billingReport(person);
        noReason.putAll(Map.of("subscriptionId", "sub_1", "reason", "BORED", "endedAt", "2026-11-30T23:59:59Z"));

        post("bank-account-linked", accountNumber)
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("verification.recordId must be the verification provider's record id, never an "
                                + "account number"))
                .body(not(containsString("000123456789")));
        post("bank-account-linked", accountNumber).statusCode(400); // the same request again is kept once
        post("subscription-ended", noReason)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("field 'reason' is missing or has the wrong type"));
        // without a valid key nothing is read, let alone kept
        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/v1/events/bank-account-linked")
                .then()
                .statusCode(401);

        String linkedEvent = (String) accountNumber.get("eventId");
        String endedEvent = (String) noReason.get("eventId");
        List<ConsumerRecord<String, String>> kept = kafka.await(
                Topics.INGEST_REJECTED,
                r -> keptWith(r, linkedEvent) || keptWith(r, endedEvent),
                2,
                Duration.ofSeconds(30));
        assertThat(kept).hasSize(2);
        assertThat(kept).allSatisfy(r -> {
            assertThat(new EventSchemas().violations(r.value())).isEmpty();
            assertThat(r.value()).as("nothing of the body in the clear").doesNotContain("000123456789", person);
        });
        assertThat(kept.stream().map(r -> EventCodec.decode(r.value(), WebhookRejected.class)
                        .data()))
                .extracting(WebhookRejected::path, WebhookRejected::providerAccountId)
                .containsExactlyInAnyOrder(
                        tuple("/v1/events/bank-account-linked", KEY_ID),
                        tuple("/v1/events/subscription-ended", KEY_ID));
        assertThat(kafka.readAll(Topics.BILLING_ACCOUNT))
                .noneMatch(r -> r.value().contains(person) || r.value().contains("000123456789"));
    }

    private static Map<String, Object> billingReport(String person) {
        Map<String, Object> report = new HashMap<>();
        report.put("eventId", UUID.randomUUID().toString());
        report.put("personNumber", person);
        report.put("billingAccountId", "cus_" + UUID.randomUUID().toString().replace("-", ""));
        return report;
    }

    private static List<ConsumerRecord<String, String>> billingEventsWith(String eventId) {
        return kafka.await(
                Topics.BILLING_ACCOUNT,
                r -> r.value().contains("\"id\":\"" + eventId + "\""),
                1,
                Duration.ofSeconds(30));
    }

    private static Map<String, Object> report(String callId, String person) {
        Map<String, Object> report = new HashMap<>();
        report.put("eventId", UUID.randomUUID().toString());
        report.put("callId", callId);
        report.put("personNumber", person);
        return report;
    }

    @Test
    void aReportThatIsNotValidUtf8IsRefusedNeverPublishedWithReplacementCharacters() throws Exception {
        Map<String, Object> report = report("call-utf8", TestNumbers.randomUs());
        report.put("announcementId", "MARK");
        byte[] json = EventCodec.mapper().writeValueAsBytes(report);
        byte[] broken = new String(json, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("MARK", "M\u00c3\u0028")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // 0xC3 0x28: not a UTF-8 sequence
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + KEY_ID + "." + SECRET)
                .body(broken)
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body is not valid UTF-8"));
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains((String) report.get("eventId")));
    }

    private static ValidatableResponse post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + KEY_ID + "." + SECRET)
                .body(body)
                .post("/v1/events/" + path)
                .then();
    }

    private static List<ConsumerRecord<String, String>> eventsWith(String eventId, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("\"id\":\"" + eventId + "\""),
                atLeast,
                Duration.ofSeconds(30));
    }
}
