package io.consentmesh.ingest.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.WebhookRejected;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.ingest.webhooks.RejectedBodyCipher;
import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.security.MeshCredentials;
import io.consentmesh.testkit.security.TenantCredentialFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A signed Twilio inbound SMS becomes one normalised event on telephony.sms.v1, keyed by the sender's subject. */
@QuarkusTest
@MeshTest
class TwilioSmsWebhookTest extends IngestTestBase {

    @Inject
    Pool database;

    @Override
    protected void registerAccounts() {
        TwilioTestAccount.register();
    }

    private static final String PATH = "/webhooks/twilio/sms";
    private static final String SIGNED_URL = TwilioTestAccount.PUBLIC_BASE + PATH;
    private static final String OLD_TOKEN = TwilioTestAccount.OLD_TOKEN;
    private static final String NEW_TOKEN = TwilioTestAccount.NEW_TOKEN;
    private static final String ACCOUNT_SID = TwilioTestAccount.ACCOUNT_SID;

    @Test
    void publishesASignedInboundSmsKeyedByTheSendersSubject() {
        String person = TestNumbers.randomUs();
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, person, "Stop");

        post(params, TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN))
                .statusCode(200)
                .contentType(ContentType.XML)
                .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));

        ConsumerRecord<String, String> record = eventsFor(messageSid, 1).get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        // on the topic, the person's number and words are sealed under their data key: only the key store opens them
        assertThat(record.value())
                .contains("mesh.sms.received.v2")
                .doesNotContain(person)
                .doesNotContain("Stop");
        EventEnvelope<SmsReceived> event = published.opened(record.value(), SmsReceived.class);
        assertThat(event.tenantId()).isEqualTo(TENANT);
        assertThat(event.source()).hasToString("/call-ingest/twilio/" + ACCOUNT_SID);
        assertThat(event.data().provider()).isEqualTo(Provider.TWILIO);
        assertThat(event.data().from()).isEqualTo(person);
        assertThat(event.data().to()).isEqualTo(TENANT_NUMBER);
        assertThat(event.data().body()).isEqualTo("Stop");
        assertThat(event.data().segmentCount()).isEqualTo(1);
        assertThat(event.data().optOutType()).isEqualTo("STOP");
    }

    @Test
    void aCardNumberInATextIsRedactedBeforeAnythingIsPublished() {
        String person = TestNumbers.randomUs();
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params =
                inboundSms(messageSid, person, "my card is 4111 1111 1111 1111 cvv 737, cancel please");

        post(params, TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN)).statusCode(200);

        SmsReceived sms = published
                .opened(eventsFor(messageSid, 1).get(0).value(), SmsReceived.class)
                .data();
        assertThat(sms.body())
                .isEqualTo(
                        "my card is [REDACTED:PAYMENT_CARD_NUMBER] cvv [REDACTED:CARD_SECURITY_CODE], cancel please");
    }

    @Test
    void kw04AnSmsWithoutOptOutTypeIsPublishedWithNoneAndItsBodyKept() {
        // Advanced Opt-Out adds OptOutType only when the whole body is a keyword; "Stop please" is not one.
        String person = TestNumbers.randomUs();
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, person, "Stop please").stream()
                .filter(p -> !p.getKey().equals("OptOutType"))
                .toList();

        post(params, TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN)).statusCode(200);

        ConsumerRecord<String, String> record = eventsFor(messageSid, 1).get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, person).value());
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        SmsReceived sms = published.opened(record.value(), SmsReceived.class).data();
        assertThat(sms.optOutType()).isNull();
        assertThat(sms.body()).isEqualTo("Stop please");
    }

    @Test
    void acceptsTheOldTokenWhileARotationIsUnderway() {
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "hi");

        post(params, TwilioSignature.sign(SIGNED_URL, params, OLD_TOKEN)).statusCode(200);

        assertThat(eventsFor(messageSid, 1)).hasSize(1);
    }

    @Test
    void aRetriedWebhookIsPublishedOnce() {
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "STOP");
        String signature = TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN);

        post(params, signature).statusCode(200);
        post(params, signature).statusCode(200);
        // A later webhook, published after both copies were answered, bounds the wait.
        publishALaterWebhookAndWaitForIt();

        assertThat(eventsFor(messageSid, 1)).hasSize(1);
    }

    @Test
    void concurrentCopiesOfOneWebhookArePublishedOnceAndAllAnswered200() throws Exception {
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "STOP");
        String signature = TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN);
        int copies = 8;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(params, signature).extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        publishALaterWebhookAndWaitForIt();

        assertThat(eventsFor(messageSid, 1)).hasSize(1);
    }

    @Test
    void whileTheKeyStoreIsUnreachableAWebhookGets503NothingIsPublishedAndItsRetryIsPublishedOnce() {
        String person = TestNumbers.randomUs(); // a new person: no key of theirs is cached
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, person, "STOP");
        String signature = TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN);

        database.query("ALTER TABLE mesh_keys.data_key RENAME TO data_key_away").executeAndAwait();
        try {
            post(params, signature)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("https://consentmesh.io/problems/keys-unavailable"));
        } finally {
            database.query("ALTER TABLE mesh_keys.data_key_away RENAME TO data_key")
                    .executeAndAwait();
        }
        publishALaterWebhookAndWaitForIt();
        assertThat(kafka.readAll(Topics.TELEPHONY_SMS))
                .as("never published in clear instead")
                .noneMatch(r -> r.value().contains(messageSid));

        post(params, signature).statusCode(200); // the provider's retry, the key store back
        assertThat(eventsFor(messageSid, 1)).hasSize(1);
    }

    @Test
    void whileKafkaIsDownAWebhookGets503AndItsRetryIsPublishedOnceAfterwards() {
        Assumptions.assumeTrue(
                MeshInfrastructure.get().canStageKafkaOutage(), "the broker was named by the environment");
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "STOP");
        String signature = TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN);

        try (MeshInfrastructure.KafkaOutage outage = MeshInfrastructure.get().kafkaOutage()) {
            post(params, signature)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://consentmesh.io/problems/event-log-unavailable"));
        }
        // Twilio retries after the 503; the broker is back.
        await("the retry is accepted once the broker is back")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> post(params, signature).statusCode(200));
        post(params, signature).statusCode(200);

        assertThat(eventsFor(messageSid, 1)).hasSize(1);
        Management.given()
                .get("/q/metrics")
                .then()
                .body(containsString(
                        "mesh_ingest_webhooks_total{kind=\"sms\",outcome=\"unavailable\",provider=\"twilio\"}"));
    }

    @Test
    void aBadSignatureIs403AndPublishesNothing() {
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "STOP");
        String forged = TwilioSignature.sign(SIGNED_URL, params, "not-the-token");

        post(params, forged)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request signature is not valid"))
                .body(not(containsString(messageSid)));
        // The URL is part of what is signed: the internal URL is not the one Twilio signed.
        post(params, TwilioSignature.sign("http://localhost/webhooks/twilio/sms", params, NEW_TOKEN))
                .statusCode(403);
        post(params, null).statusCode(403);
        Management.given()
                .get("/q/metrics")
                .then()
                .body(containsString(
                        "mesh_ingest_webhooks_total{kind=\"sms\",outcome=\"bad-signature\",provider=\"twilio\"}"));

        publishALaterWebhookAndWaitForIt();
        assertThat(kafka.readAll(Topics.TELEPHONY_SMS)).noneMatch(r -> r.value().contains(messageSid));
    }

    @Test
    void anUnknownAccountGetsTheSame403() {
        List<Map.Entry<String, String>> params =
                new java.util.ArrayList<>(inboundSms(newMessageSid(), TestNumbers.randomUs(), "x"));
        params.set(1, Map.entry("AccountSid", "AC" + "0".repeat(32)));

        post(params, TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN))
                .statusCode(403)
                .body("detail", equalTo("the request signature is not valid"));
    }

    @Test
    void aSignedWebhookMissingARequiredFieldIs400AndIsKeptEncryptedOnTheRejectedTopic() throws Exception {
        String messageSid = newMessageSid();
        List<Map.Entry<String, String>> params = inboundSms(messageSid, TestNumbers.randomUs(), "STOP").stream()
                .filter(p -> !p.getKey().equals("From"))
                .toList();
        String signature = TwilioSignature.sign(SIGNED_URL, params, NEW_TOKEN);

        post(params, signature)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("From is required"));
        post(params, signature).statusCode(400); // Twilio does not retry a 400, but a copy is kept once anyway

        List<ConsumerRecord<String, String>> kept = kafka.await(
                Topics.INGEST_REJECTED,
                r -> r.value().contains(ACCOUNT_SID) && r.value().contains("\"path\":\"" + PATH + "\""),
                1,
                Duration.ofSeconds(30));
        assertThat(kept).hasSize(1);
        assertThat(new EventSchemas().violations(kept.get(0).value())).isEmpty();
        assertThat(kept.get(0).value()).as("nothing of the body in the clear").doesNotContain(messageSid);
        WebhookRejected rejected =
                EventCodec.decode(kept.get(0).value(), WebhookRejected.class).data();
        assertThat(rejected.reason()).isEqualTo("From is required");
        assertThat(rejected.path()).isEqualTo(PATH);
        String body = new RejectedBodyCipher("dGVzdC1vbmx5LXJlamVjdGVkLWJvZHkta2V5LTMyYnk=")
                .open(new RejectedBodyCipher.Sealed(rejected.keyId(), rejected.nonce(), rejected.encryptedBody()));
        assertThat(body).as("the operator can decrypt and replay it").contains("MessageSid=" + messageSid);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "Body=" + "x".repeat(70 * 1024) + "&AccountSid=" + ACCOUNT_SID;
        given().contentType("application/x-www-form-urlencoded")
                .body(huge)
                .post("/webhooks/twilio/sms")
                .then()
                .statusCode(413);
    }

    @Test
    void theOperatorApiNeedsAPlatformAdministrator() {
        given().header("Authorization", TenantCredentialFilter.ANONYMOUS)
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme"))
                .put("/v1/admin/provider-accounts/twilio/AC123")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme"))
                .put("/v1/admin/provider-accounts/twilio/AC123")
                .then()
                .statusCode(401);
        // A tenant's own key, even with every tenant role, cannot say which tenant an account belongs to.
        given().spec(MeshCredentials.as("acme"))
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme"))
                .put("/v1/admin/provider-accounts/twilio/AC123")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    /**
     * Publishes another webhook and waits for its event: everything answered before it is then on the topic too, so
     * counting afterwards is exact rather than a guess about timing.
     */
    private static void publishALaterWebhookAndWaitForIt() {
        String laterSid = newMessageSid();
        List<Map.Entry<String, String>> later = inboundSms(laterSid, TestNumbers.randomUs(), "hello");
        post(later, TwilioSignature.sign(SIGNED_URL, later, NEW_TOKEN)).statusCode(200);
        eventsFor(laterSid, 1);
    }

    static List<Map.Entry<String, String>> inboundSms(String messageSid, String from, String body) {
        // The parameters Twilio sends for an inbound SMS (docs: messaging webhook request), plus an unknown extra.
        return List.of(
                Map.entry("ToCountry", "US"),
                Map.entry("AccountSid", ACCOUNT_SID),
                Map.entry("MessageSid", messageSid),
                Map.entry("SmsMessageSid", messageSid),
                Map.entry("SmsSid", messageSid),
                Map.entry("From", from),
                Map.entry("To", TENANT_NUMBER),
                Map.entry("Body", body),
                Map.entry("NumSegments", "1"),
                Map.entry("NumMedia", "0"),
                Map.entry("SmsStatus", "received"),
                Map.entry("MessagingServiceSid", "MG" + "1".repeat(32)),
                Map.entry("OptOutType", "STOP"),
                Map.entry("FromCity", "NEW YORK"),
                Map.entry("ApiVersion", "2010-04-01"),
                Map.entry("SomeFutureParameter", "ignored but signed"));
    }

    private static ValidatableResponse post(List<Map.Entry<String, String>> params, String signature) {
        return TwilioTestAccount.post(PATH, params, signature);
    }

    private static List<ConsumerRecord<String, String>> eventsFor(String messageSid, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_SMS,
                r -> r.value().contains("\"" + messageSid + "\""),
                atLeast,
                Duration.ofSeconds(30));
    }

    private static String newMessageSid() {
        return TwilioTestAccount.sid("SM");
    }
}
