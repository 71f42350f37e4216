package io.consentmesh.ingest.plivo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.consentmesh.ingest.PublishedEvents;
import io.consentmesh.ingest.webhooks.RejectedBodyCipher;
import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plivo callbacks, signed with X-Plivo-Signature-V3, become mesh events keyed by the person. */
@QuarkusTest
@MeshTest
class PlivoWebhookTest {

    /** Decodes what was published and opens its sealed personal fields, as consent-service would. */
    @Inject
    PublishedEvents published;

    /** The public base URL the test profile configures: the URL Plivo signs, not the one the service sees. */
    private static final String PUBLIC_BASE = "https://hooks.example.test";

    private static final TenantId TENANT = new TenantId("acme");
    private static final String TENANT_NUMBER = "+14155550199";
    private static final String AUTH_ID = authId();
    private static final String SMS_PATH = "/webhooks/plivo/" + AUTH_ID + "/sms";
    private static final String CALL_PATH = "/webhooks/plivo/" + AUTH_ID + "/call-status";
    private static final String MESSAGE_STATUS_PATH = "/webhooks/plivo/" + AUTH_ID + "/message-status";
    private static final String OLD_TOKEN = "old-plivo-auth-token-" + UUID.randomUUID();
    private static final String NEW_TOKEN = "new-plivo-auth-token-" + UUID.randomUUID();
    private static KafkaTestClient kafka;
    private static boolean registered;

    @Inject
    SubjectKeys keys;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** The account with its old and new auth token, as during a rotation. */
    @BeforeEach
    void registerAccount() {
        if (registered) {
            return;
        }
        ProviderAccountsAdmin.register("plivo", AUTH_ID, "acme", List.of(OLD_TOKEN, NEW_TOKEN));
        registered = true;
    }

    @Test
    void aSignedInboundSmsIsPublishedOnceKeyedByTheSenderEvenWhenPlivoRetries() {
        String person = TestNumbers.randomUs();
        String messageUuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = inboundSms(messageUuid, person, "STOP");

        String nonce = nonce();

        post(SMS_PATH, params, nonce, NEW_TOKEN)
                .statusCode(200)
                .contentType(containsString("application/xml"))
                .body(equalTo(PlivoWebhookResource.EMPTY_XML));
        post(SMS_PATH, params, nonce, NEW_TOKEN).statusCode(200); // Plivo's retry, identical
        post(SMS_PATH, params, nonce(), OLD_TOKEN).statusCode(200); // and one signed during a token rotation

        List<ConsumerRecord<String, String>> records = smsEventsFor(messageUuid);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        EventEnvelope<SmsReceived> event = published.opened(record.value(), SmsReceived.class);
        assertThat(event.id()).isEqualTo(EventIds.of("plivo", "sms", messageUuid));
        assertThat(event.tenantId()).isEqualTo(TENANT);
        assertThat(event.source()).hasToString("/call-ingest/plivo/" + AUTH_ID);
        assertThat(event.data().provider()).isEqualTo(Provider.PLIVO);
        assertThat(event.data().providerAccountId()).isEqualTo(AUTH_ID);
        assertThat(event.data().messageId()).isEqualTo(messageUuid);
        assertThat(event.data().from()).as("Plivo's digits become E.164").isEqualTo(person);
        assertThat(event.data().to()).isEqualTo(TENANT_NUMBER);
        assertThat(event.data().body()).isEqualTo("STOP");
        assertThat(event.data().segmentCount()).isEqualTo(1);
        assertThat(event.data().optOutType()).isEqualTo("optout");
    }

    @Test
    void theMainAccountSignatureAndACommaSeparatedListAreAccepted() {
        String messageUuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = inboundSms(messageUuid, TestNumbers.randomUs(), "hello");
        String nonce = nonce();
        String signature = PlivoSignature.sign("POST", PUBLIC_BASE + SMS_PATH, params, nonce, NEW_TOKEN);
        String forged = PlivoSignature.sign("POST", PUBLIC_BASE + SMS_PATH, params, nonce, "not-the-token");

        request(params, nonce)
                .header(PlivoSignature.SIGNATURE_HEADER, forged + "," + signature)
                .post(SMS_PATH)
                .then()
                .statusCode(200);
        request(params, nonce)
                .header(PlivoSignature.SIGNATURE_HEADER, forged)
                .header(PlivoSignature.MAIN_ACCOUNT_SIGNATURE_HEADER, signature)
                .post(SMS_PATH)
                .then()
                .statusCode(200);

        assertThat(smsEventsFor(messageUuid)).hasSize(1);
    }

    @Test
    void aBadSignatureAndAnUnknownAccountGetTheSame403AndPublishNothing() {
        String messageUuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = inboundSms(messageUuid, TestNumbers.randomUs(), "STOP");
        String nonce = nonce();
        String unknownPath = "/webhooks/plivo/" + authId() + "/sms";

        post(SMS_PATH, params, nonce, "not-the-token")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"))
                .body(not(containsString(messageUuid)));
        // signed for another nonce, or for the URL the service sees rather than the one Plivo called
        request(params, nonce)
                .header(
                        PlivoSignature.SIGNATURE_HEADER,
                        PlivoSignature.sign("POST", PUBLIC_BASE + SMS_PATH, params, nonce(), NEW_TOKEN))
                .post(SMS_PATH)
                .then()
                .statusCode(403);
        request(params, nonce)
                .header(
                        PlivoSignature.SIGNATURE_HEADER,
                        PlivoSignature.sign("POST", "http://localhost" + SMS_PATH, params, nonce, NEW_TOKEN))
                .post(SMS_PATH)
                .then()
                .statusCode(403);
        request(params, nonce).post(SMS_PATH).then().statusCode(403);
        post(unknownPath, params, nonce, NEW_TOKEN)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"));
        Management.given()
                .get("/q/metrics")
                .then()
                .body(containsString(
                        "mesh_ingest_webhooks_total{kind=\"sms\",outcome=\"bad-signature\",provider=\"plivo\"}"))
                .body(containsString(
                        "mesh_ingest_webhooks_total{kind=\"sms\",outcome=\"unknown-account\",provider=\"plivo\"}"));

        // A later webhook, published after every refusal was answered, bounds the wait.
        String laterUuid = UUID.randomUUID().toString();
        post(SMS_PATH, inboundSms(laterUuid, TestNumbers.randomUs(), "hello"), nonce(), NEW_TOKEN)
                .statusCode(200);
        smsEventsFor(laterUuid);
        assertThat(kafka.readAll(Topics.TELEPHONY_SMS)).noneMatch(r -> r.value().contains(messageUuid));
    }

    @Test
    void anOutboundCallsRingAndHangupAreKeyedByTheCalledPersonAndPublishedOnce() {
        String callUuid = UUID.randomUUID().toString();
        String person = TestNumbers.randomUs();

        post(CALL_PATH, ring(callUuid, person), nonce(), NEW_TOKEN)
                .statusCode(200)
                .body(equalTo(PlivoWebhookResource.EMPTY_XML));
        List<Map.Entry<String, String>> hangup = outboundHangup(callUuid, person);
        post(CALL_PATH, hangup, nonce(), NEW_TOKEN).statusCode(200);
        post(CALL_PATH, hangup, nonce(), NEW_TOKEN).statusCode(200); // Plivo's retry

        List<ConsumerRecord<String, String>> events = callEventsFor(callUuid, 2);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
            assertThat(new EventSchemas().violations(r.value())).isEmpty();
        });
        List<CallStatusChanged> calls = events.stream()
                .map(r -> published.opened(r.value(), CallStatusChanged.class).data())
                .toList();
        assertThat(calls)
                .extracting(CallStatusChanged::status)
                .containsExactly(CallStatus.RINGING, CallStatus.COMPLETED);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.provider()).isEqualTo(Provider.PLIVO);
            assertThat(call.providerAccountId()).isEqualTo(AUTH_ID);
            assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
            assertThat(call.from()).isEqualTo(TENANT_NUMBER);
            assertThat(call.to()).isEqualTo(person);
        });
        assertThat(published.opened(events.get(1).value()).id())
                .isEqualTo(EventIds.of("plivo", "call-status", callUuid, "completed"));
    }

    @Test
    void anInboundCallsHangupIsKeyedByTheCaller() {
        String callUuid = UUID.randomUUID().toString();
        String caller = TestNumbers.randomUs();

        post(CALL_PATH, inboundHangup(callUuid, caller, "completed"), nonce(), NEW_TOKEN)
                .statusCode(200);

        ConsumerRecord<String, String> record = callEventsFor(callUuid, 1).get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, caller).value());
        CallStatusChanged call =
                published.opened(record.value(), CallStatusChanged.class).data();
        assertThat(call.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(call.from()).isEqualTo(caller);
        assertThat(call.to()).isEqualTo(TENANT_NUMBER);
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void aSentMessagesDeliveryReportsArePublishedOnceKeyedByTheRecipientWithTheDecisionOnTheirUrl() {
        String messageUuid = UUID.randomUUID().toString();
        String person = TestNumbers.randomUs();
        String decision = UUID.randomUUID().toString();
        String named = MESSAGE_STATUS_PATH + "?decisionId=" + decision;
        List<Map.Entry<String, String>> undelivered = messageStatus(messageUuid, person, "undelivered", "30");

        post(named, messageStatus(messageUuid, person, "sent", ""), nonce(), NEW_TOKEN)
                .statusCode(200)
                .body(equalTo(PlivoWebhookResource.EMPTY_XML));
        post(named, undelivered, nonce(), NEW_TOKEN).statusCode(200);
        post(named, undelivered, nonce(), OLD_TOKEN).statusCode(200); // Plivo's retry, during a token rotation

        List<ConsumerRecord<String, String>> records = smsEventsFor(messageUuid, 2);
        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsExactly(
                        keys.subjectOf(TENANT, person).value(),
                        keys.subjectOf(TENANT, person).value());
        // opened as consent-service reads them, each checked against its schema
        List<EventEnvelope<MessageStatusChanged>> events = records.stream()
                .map(r -> published.opened(r.value(), MessageStatusChanged.class))
                .toList();
        assertThat(events)
                .extracting(
                        EventEnvelope::id, e -> e.data().status(), e -> e.data().errorCode())
                .containsExactlyInAnyOrder(
                        tuple(EventIds.of("plivo", "message-status", messageUuid, "sent"), MessageStatus.SENT, null),
                        tuple(
                                EventIds.of("plivo", "message-status", messageUuid, "undelivered"),
                                MessageStatus.UNDELIVERED,
                                "30"));
        assertThat(events)
                .extracting(
                        e -> e.data().provider(),
                        e -> e.data().providerAccountId(),
                        e -> e.data().from(),
                        e -> e.data().to(),
                        e -> e.data().recipientOptedOut(),
                        e -> e.data().decisionId())
                .containsOnly(tuple(Provider.PLIVO, AUTH_ID, TENANT_NUMBER, person, false, decision));
    }

    @Test
    void aDeliveryReportWithABadSignatureOrADecisionPlivoDidNotSignIs403AndPublishesNothing() {
        String messageUuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = messageStatus(messageUuid, TestNumbers.randomUs(), "delivered", "");
        String nonce = nonce();

        post(MESSAGE_STATUS_PATH, params, nonce, "not-the-token")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"));
        request(params, nonce)
                .header(
                        PlivoSignature.SIGNATURE_HEADER,
                        PlivoSignature.sign("POST", PUBLIC_BASE + MESSAGE_STATUS_PATH, params, nonce, NEW_TOKEN))
                .post(MESSAGE_STATUS_PATH + "?decisionId=" + UUID.randomUUID())
                .then()
                .statusCode(403);

        // A later report, published after both refusals were answered, bounds the wait.
        String laterUuid = UUID.randomUUID().toString();
        post(MESSAGE_STATUS_PATH, messageStatus(laterUuid, TestNumbers.randomUs(), "delivered", ""), nonce(), NEW_TOKEN)
                .statusCode(200);
        smsEventsFor(laterUuid);
        assertThat(kafka.readAll(Topics.TELEPHONY_SMS)).noneMatch(r -> r.value().contains(messageUuid));
    }

    @Test
    void anUnknownCallStatusIs400AndTheWebhookIsKeptEncryptedForTheAccount() throws Exception {
        String callUuid = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> params = inboundHangup(callUuid, TestNumbers.randomUs(), "transferred");
        String nonce = nonce();

        post(CALL_PATH, params, nonce, NEW_TOKEN)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("CallStatus 'transferred' is not a Plivo call status"));
        post(CALL_PATH, params, nonce, NEW_TOKEN).statusCode(400); // the same request again is kept once

        List<ConsumerRecord<String, String>> kept = kafka.await(
                Topics.INGEST_REJECTED,
                r -> r.value().contains("\"path\":\"" + CALL_PATH + "\""),
                1,
                Duration.ofSeconds(30));
        assertThat(kept).hasSize(1);
        assertThat(new EventSchemas().violations(kept.get(0).value())).isEmpty();
        assertThat(kept.get(0).value()).as("nothing of the body in the clear").doesNotContain(callUuid);
        EventEnvelope<WebhookRejected> event = EventCodec.decode(kept.get(0).value(), WebhookRejected.class);
        assertThat(event.type()).isEqualTo("mesh.ingest.webhook-rejected.v1");
        assertThat(event.tenantId()).isEqualTo(TENANT);
        WebhookRejected rejected = event.data();
        assertThat(rejected.provider()).isEqualTo(Provider.PLIVO);
        assertThat(rejected.providerAccountId()).isEqualTo(AUTH_ID);
        assertThat(rejected.reason()).isEqualTo("CallStatus 'transferred' is not a Plivo call status");
        String body = new RejectedBodyCipher("dGVzdC1vbmx5LXJlamVjdGVkLWJvZHkta2V5LTMyYnk=")
                .open(new RejectedBodyCipher.Sealed(rejected.keyId(), rejected.nonce(), rejected.encryptedBody()));
        assertThat(body).as("the operator can decrypt and replay it").contains("CallUUID=" + callUuid);
        assertThat(kafka.readAll(Topics.TELEPHONY_CALL))
                .noneMatch(r -> r.value().contains(callUuid));
    }

    /** Posts the form as Plivo does, signed with the token for the URL Plivo called. */
    private static ValidatableResponse post(
            String path, List<Map.Entry<String, String>> params, String nonce, String token) {
        return request(params, nonce)
                .header(
                        PlivoSignature.SIGNATURE_HEADER,
                        PlivoSignature.sign("POST", PUBLIC_BASE + path, params, nonce, token))
                .post(path)
                .then();
    }

    private static RequestSpecification request(List<Map.Entry<String, String>> params, String nonce) {
        String body = params.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        return given().contentType("application/x-www-form-urlencoded")
                .header(PlivoSignature.NONCE_HEADER, nonce)
                .body(body);
    }

    /** The parameters Plivo posts to a message_url for an inbound SMS on a long code, plus an unknown extra. */
    private static List<Map.Entry<String, String>> inboundSms(String messageUuid, String from, String text) {
        return List.of(
                Map.entry("From", plivoDigits(from)),
                Map.entry("To", plivoDigits(TENANT_NUMBER)),
                Map.entry("Text", text),
                Map.entry("Type", "sms"),
                Map.entry("MessageUUID", messageUuid),
                Map.entry("Units", "1"),
                Map.entry("TotalRate", "0.00000"),
                Map.entry("TotalAmount", "0.00000"),
                Map.entry("MessageIntent", text.equals("STOP") ? "optout" : ""),
                Map.entry("PowerpackUUID", ""),
                Map.entry("SomeFutureParameter", "ignored but signed"));
    }

    /** The parameters Plivo posts to the {@code url} of a message the tenant sent to the person. */
    private static List<Map.Entry<String, String>> messageStatus(
            String messageUuid, String person, String status, String errorCode) {
        return List.of(
                Map.entry("ErrorCode", errorCode),
                Map.entry("From", plivoDigits(TENANT_NUMBER)),
                Map.entry("MessageUUID", messageUuid),
                Map.entry("ParentMessageUUID", messageUuid),
                Map.entry("PartInfo", "1 of 1"),
                Map.entry("PowerpackUUID", ""),
                Map.entry("Sequence", "1"),
                Map.entry("Status", status),
                Map.entry("To", plivoDigits(person)),
                Map.entry("TotalAmount", "0.00550"),
                Map.entry("TotalRate", "0.00550"),
                Map.entry("Units", "1"));
    }

    /** ring_url of a call made with the Call API: the tenant calls the person. */
    private static List<Map.Entry<String, String>> ring(String callUuid, String person) {
        return List.of(
                Map.entry("ALegRequestUUID", UUID.randomUUID().toString()),
                Map.entry("ALegUUID", callUuid),
                Map.entry("CallStatus", "ringing"),
                Map.entry("CallUUID", callUuid),
                Map.entry("Direction", "outbound"),
                Map.entry("Event", "Ring"),
                Map.entry("From", plivoDigits(TENANT_NUMBER)),
                Map.entry("RequestUUID", UUID.randomUUID().toString()),
                Map.entry("To", plivoDigits(person)));
    }

    private static List<Map.Entry<String, String>> outboundHangup(String callUuid, String person) {
        return List.of(
                Map.entry("ALegUUID", callUuid),
                Map.entry("AnswerTime", "2026-11-20 15:04:06"),
                Map.entry("BillDuration", "60"),
                Map.entry("BillRate", "0.00850"),
                Map.entry("CallStatus", "completed"),
                Map.entry("CallUUID", callUuid),
                Map.entry("Direction", "outbound"),
                Map.entry("Duration", "41"),
                Map.entry("EndTime", "2026-11-20 15:04:47"),
                Map.entry("Event", "Hangup"),
                Map.entry("From", plivoDigits(TENANT_NUMBER)),
                Map.entry("HangupCause", "NORMAL_CLEARING"),
                Map.entry("HangupCauseCode", "4000"),
                Map.entry("HangupCauseName", "Normal Hangup"),
                Map.entry("HangupSource", "Callee"),
                Map.entry("StartTime", "2026-11-20 15:04:00"),
                Map.entry("To", plivoDigits(person)),
                Map.entry("TotalCost", "0.00850"));
    }

    /** hangup_url of the application a tenant number answers with: the person called in. */
    private static List<Map.Entry<String, String>> inboundHangup(String callUuid, String caller, String status) {
        return List.of(
                Map.entry("AnswerTime", "2026-11-20 15:04:01"),
                Map.entry("BillDuration", "60"),
                Map.entry("BillRate", "0.00850"),
                Map.entry("CallStatus", status),
                Map.entry("CallUUID", callUuid),
                Map.entry("CallerName", "+" + plivoDigits(caller)),
                Map.entry("Direction", "inbound"),
                Map.entry("Duration", "12"),
                Map.entry("EndTime", "2026-11-20 15:04:13"),
                Map.entry("Event", "Hangup"),
                Map.entry("From", plivoDigits(caller)),
                Map.entry("HangupCause", "NORMAL_CLEARING"),
                Map.entry("HangupCauseCode", "4000"),
                Map.entry("HangupCauseName", "Normal Hangup"),
                Map.entry("HangupSource", "Caller"),
                Map.entry("STIRVerification", "Verified"),
                Map.entry("SessionStart", "2026-11-20 15:04:00.527451"),
                Map.entry("StartTime", "2026-11-20 15:04:00"),
                Map.entry("To", plivoDigits(TENANT_NUMBER)),
                Map.entry("TotalCost", "0.00850"));
    }

    private static List<ConsumerRecord<String, String>> smsEventsFor(String messageUuid) {
        return smsEventsFor(messageUuid, 1);
    }

    private static List<ConsumerRecord<String, String>> smsEventsFor(String messageUuid, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_SMS,
                r -> r.value().contains("\"" + messageUuid + "\""),
                atLeast,
                Duration.ofSeconds(30));
    }

    private static List<ConsumerRecord<String, String>> callEventsFor(String callUuid, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_CALL,
                r -> r.value().contains("\"" + callUuid + "\""),
                atLeast,
                Duration.ofSeconds(30));
    }

    /** Plivo writes numbers as E.164 digits without the plus. */
    private static String plivoDigits(String e164) {
        return e164.substring(1);
    }

    private static String nonce() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000_000L, 100_000_000_000L));
    }

    /** A Plivo auth id: MA (main account) and 18 upper-case letters and digits. */
    private static String authId() {
        return "MA"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
