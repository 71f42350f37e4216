package io.consentmesh.consent.consents.keypad;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 5: a key the tenant's IVR menu offers to stop contact ("press 9 to stop these calls"), pressed on a
 * call and published by call-ingest as {@code mesh.call.keypad-input.v1}, is a revocation enforced on every channel
 * and sender of the brand; other keys change nothing.
 */
@QuarkusTest
@MeshTest
class KeypadOptOutTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    private static boolean configured;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    /** Once, at the first test: the service is up only once the tests run. */
    private static synchronized void configureTheTenantsOptOutKeys() {
        if (configured) {
            return;
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("digits", List.of("9", "*9")))
                .put("/v1/keypad-opt-out/acme")
                .then()
                .statusCode(200)
                .body("digits", equalTo(List.of("9", "*9")));
        configured = true;
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void digit_9_blocks_calls_and_texts_on_every_sender_once_however_often_it_comes() {
        configureTheTenantsOptOutKeys();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));

        EventEnvelope<KeypadInputReceived> pressed = press(person, "9");
        kafka.send(pressed);
        kafka.send(pressed); // the provider retried its webhook

        await("DENY after the key press").atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(
                        person, "SMS", TestEvents.SENDER_B)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("OPTED_OUT")));
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
        ConsentApi.authorize(person, "VOICE", TestEvents.SENDER_A).body("reasons", hasItem("OPTED_OUT"));

        // a later key press on the same partition: once it is applied, the retry before it was too
        kafka.send(press(person, "*9"));
        await("the later press is applied").atMost(AT_MOST).until(() -> evidence(person) == 2);
        assertThat(evidence(person))
                .as("one record for the press and its retry, one for the later")
                .isEqualTo(2);
    }

    @Test
    void another_key_changes_nothing() {
        configureTheTenantsOptOutKeys();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        kafka.send(press(person, "1"));
        kafka.send(press(person, "9")); // a marker on the same partition: once it is applied, "1" was read
        await("the marker is applied").atMost(AT_MOST).until(() -> evidence(person) == 1);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE tenant_id = 'acme' AND subject_id = ?"
                                + " AND kind = 'KEYPAD_OPT_OUT' AND content ->> 'digits' = '1'",
                        keys.subjectOf(TestEvents.TENANT, person).value()))
                .isZero();
    }

    @Test
    void a_key_that_is_no_menu_choice_is_refused_with_a_problem() {
        configureTheTenantsOptOutKeys();
        given().contentType(ContentType.JSON)
                .body(Map.of("digits", List.of("4111")))
                .put("/v1/keypad-opt-out/acme")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("one or two keys"));
        given().get("/v1/keypad-opt-out/acme").then().statusCode(200).body("digits", equalTo(List.of("9", "*9")));
    }

    private EventEnvelope<KeypadInputReceived> press(String person, String digits) {
        String eventId = UUID.randomUUID().toString();
        KeypadInputReceived press = new KeypadInputReceived(
                "CA" + UUID.randomUUID().toString().replace("-", ""),
                Provider.TELNYX,
                "acct-test",
                digits,
                Instant.now());
        return EventEnvelope.of(
                EventIds.of("telnyx", "keypad", eventId),
                URI.create("/call-ingest/telnyx/acct-test"),
                TestEvents.TENANT,
                keys.subjectOf(TestEvents.TENANT, person),
                press.occurredAt(),
                press);
    }

    private long evidence(String person) {
        return ConsentDatabase.evidence(
                db, keys.subjectOf(TestEvents.TENANT, person).value(), "KEYPAD_OPT_OUT");
    }
}
