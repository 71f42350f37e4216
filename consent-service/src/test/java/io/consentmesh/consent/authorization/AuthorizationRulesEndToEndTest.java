package io.consentmesh.consent.authorization;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The authorization API through the real database and broker: the rules engine decides on facts gathered from the
 * consent state, the registry and the interactions, and each rule's outcome shows in the answer.
 */
@QuarkusTest
@MeshTest
class AuthorizationRulesEndToEndTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Test
    void T_FL_a_florida_number_at_2030_local_is_deferred_to_0800_the_next_day() {
        String person = number("305"); // Miami: Eastern time only
        ConsentApi.recordSmsOptIn(person);
        LocalDate tomorrow = LocalDate.now(EASTERN).plusDays(1);
        Instant evening =
                ZonedDateTime.of(tomorrow, LocalTime.of(20, 30), EASTERN).toInstant();

        authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", evening)
                .body("outcome", equalTo("DEFER"))
                .body("reasons", hasItem("OUTSIDE_STATE_HOURS"))
                .body("rules", hasItem("T-FL"))
                .body(
                        "deferUntil",
                        equalTo(ZonedDateTime.of(tomorrow.plusDays(1), LocalTime.of(8, 0), EASTERN)
                                .toInstant()
                                .toString()));
    }

    @Test
    void T_MD_the_fourth_message_in_24_hours_to_a_maryland_number_is_denied() {
        String person = number("301");
        ConsentApi.recordSmsOptIn(person);
        Instant noon = ZonedDateTime.of(LocalDate.now(EASTERN).plusDays(1), LocalTime.NOON, EASTERN)
                .toInstant();

        for (int i = 0; i < 3; i++) {
            String sender = i % 2 == 0 ? TestEvents.SENDER_A : TestEvents.SENDER_B; // caps count every sender
            authorize(person, sender, "INFORMATIONAL", noon.plus(Duration.ofHours(i)))
                    .body("outcome", equalTo("ALLOW"));
        }
        authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", noon.plus(Duration.ofHours(3)))
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("FREQUENCY_CAP_REACHED")))
                .body("rules", hasItem("T-MD"));
    }

    @Test
    void G01_a_suspended_campaign_denies_at_once_and_reactivating_it_allows_again() {
        String campaign = "CSUSP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sender = number("415");
        ConsentApi.putCampaign(campaign, "MIXED", List.of("ACCOUNT_NOTIFICATION", "MARKETING"), "ACTIVE")
                .statusCode(201);
        ConsentApi.assignSender(sender, campaign);
        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        authorize(person, sender, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW).body("outcome", equalTo("ALLOW"));

        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "status", "SUSPENDED"))
                .put("/v1/registry/campaigns/" + campaign + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        authorize(person, sender, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("CAMPAIGN_NOT_ACTIVE")));

        // A change written by another instance (straight into the table) reaches this one's cache by NOTIFY.
        ConsentDatabase.count(
                db,
                "WITH changed AS (UPDATE consent.tendlc_campaign SET status = 'ACTIVE' WHERE campaign_id = ? RETURNING 1)"
                        + " SELECT count(*) FROM changed",
                campaign);
        await("the reactivation is seen").atMost(Duration.ofSeconds(3)).untilAsserted(() -> authorize(
                        person, sender, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                .body("outcome", equalTo("ALLOW")));
    }

    @Test
    void G01_a_number_on_no_campaign_and_content_its_campaign_does_not_cover_are_denied() {
        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        authorize(person, number("415"), "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                .body("reasons", hasItem("SENDER_NOT_REGISTERED"));

        String campaign = "C2FA" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sender = number("415");
        ConsentApi.putCampaign(campaign, "2FA", List.of(), "ACTIVE").statusCode(201);
        ConsentApi.assignSender(sender, campaign);
        authorize(person, sender, "MARKETING", ConsentApi.DAYTIME_TOMORROW)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("CONTENT_NOT_COVERED_BY_CAMPAIGN"));
    }

    @Test
    void G03_marketing_needs_express_written_consent() {
        String person = number("212");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", "acme",
                        "phoneNumber", person,
                        "channel", "SMS",
                        "level", "EXPRESS",
                        "source", "WEB_FORM",
                        "disclosureText", "Acme may text you about your orders. Reply STOP to end.",
                        "disclosureVersion", "web-2026-10",
                        "capturedAt", Instant.now().minusSeconds(60).toString(),
                        "ipAddress", "203.0.113.7",
                        "userAgent", "Mozilla/5.0"))
                .post("/v1/consents")
                .then()
                .statusCode(201);

        authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                .body("outcome", equalTo("ALLOW"));
        authorize(person, TestEvents.SENDER_A, "MARKETING", ConsentApi.DAYTIME_TOMORROW)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("CONSENT_LEVEL_TOO_LOW")));
    }

    @Test
    void G04_the_do_not_contact_list_denies() {
        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        given().contentType(ContentType.JSON)
                .body("{}")
                .put("/v1/tenants/acme/do-not-contact/" + person)
                .then()
                .statusCode(201);

        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("ON_DO_NOT_CONTACT_LIST")));
    }

    @Test
    void DSAR_a_restriction_of_processing_denies_until_lifted() {
        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.dsarTask(keys.subjectOf(TestEvents.TENANT, person), DsarRequestType.RESTRICTION));
        }

        await("restricted").atMost(AT_MOST).untilAsserted(() -> ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("PROCESSING_RESTRICTED"))));
        given().delete("/v1/tenants/acme/processing-restrictions/" + person)
                .then()
                .statusCode(204);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("ALLOW"));
    }

    @Test
    void DSAR_an_objection_stops_marketing_only_and_a_lifting_task_ends_a_restriction() {
        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        var subject = keys.subjectOf(TestEvents.TENANT, person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.dsarTask(subject, DsarRequestType.OBJECTION));
            await("objected").atMost(AT_MOST).untilAsserted(() -> authorize(
                            person, TestEvents.SENDER_A, "MARKETING", ConsentApi.DAYTIME_TOMORROW)
                    .body("outcome", equalTo("DENY"))
                    .body("reasons", hasItem("OBJECTED_TO_MARKETING")));
            authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                    .body("outcome", equalTo("ALLOW"));

            kafka.send(TestEvents.dsarTask(subject, DsarRequestType.RESTRICTION));
            await("restricted").atMost(AT_MOST).untilAsserted(() -> authorize(
                            person, TestEvents.SENDER_A, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                    .body("reasons", equalTo(List.of("PROCESSING_RESTRICTED"))));
            kafka.send(TestEvents.dsarTask(subject, DsarRequestType.LIFT_RESTRICTION));
            await("lifted").atMost(AT_MOST).untilAsserted(() -> authorize(
                            person, TestEvents.SENDER_A, "INFORMATIONAL", ConsentApi.DAYTIME_TOMORROW)
                    .body("outcome", equalTo("ALLOW")));
        }
    }

    @Test
    void registry_bad_input_gets_problem_json() {
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "brandId", "B1", "useCase", "not a use case", "status", "ACTIVE"))
                .put("/v1/registry/campaigns/CBAD1")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "campaignId", "CNOSUCH"))
                .put("/v1/registry/sender-numbers/" + number("415"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "status", "SUSPENDED"))
                .put("/v1/registry/campaigns/CNOSUCH/status")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("tenantId", "acme", "brandId", "B1", "useCase", "2FA"))
                .put("/v1/registry/campaigns/CBAD2")
                .then()
                .statusCode(400)
                .body("detail", equalTo("status is required"));
    }

    @Test
    void a_send_time_more_than_two_weeks_ahead_or_in_the_past_is_refused_and_an_allow_says_until_when_it_holds() {
        authorize(
                        number("212"),
                        TestEvents.SENDER_A,
                        "INFORMATIONAL",
                        Instant.now().plus(Duration.ofDays(30)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("days ahead"));
        authorize(
                        number("212"),
                        TestEvents.SENDER_A,
                        "INFORMATIONAL",
                        Instant.now().minus(Duration.ofHours(1)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("sendAt is in the past"));

        String person = number("212");
        ConsentApi.recordSmsOptIn(person);
        Instant tomorrowMorning = ZonedDateTime.of(LocalDate.now(EASTERN).plusDays(1), LocalTime.of(10, 0), EASTERN)
                .toInstant();
        authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", tomorrowMorning)
                .statusCode(200)
                .body("outcome", equalTo("ALLOW"))
                .body(
                        "validUntil",
                        equalTo(tomorrowMorning.plus(Duration.ofMinutes(15)).toString()));
        authorize(person, TestEvents.SENDER_A, "INFORMATIONAL", tomorrowMorning.minus(Duration.ofHours(4)))
                .body("outcome", equalTo("DEFER"))
                .body("validUntil", nullValue());
    }

    @Test
    void CB01_a_requested_callback_allows_that_call_inside_its_window_only_and_once() {
        String person = number("212");
        SubjectId subject = keys.subjectOf(TestEvents.TENANT, person);
        Instant preferred = ZonedDateTime.of(LocalDate.now(EASTERN).plusDays(1), LocalTime.of(11, 0), EASTERN)
                .toInstant();
        CallbackRequested asked =
                new CallbackRequested("CA-" + UUID.randomUUID(), Provider.AGENT_RUNTIME, preferred, Instant.now());
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(envelope(subject, asked.occurredAt(), asked));
            await("the callback is known").atMost(AT_MOST).untilAsserted(() -> callAt(person, preferred)
                    .body("outcome", equalTo("ALLOW"))
                    .body("reasons", hasItem("CALLBACK_REQUESTED"))
                    .body("rules", hasItem("CB-01")));

            callAt(person, preferred.minus(Duration.ofMinutes(30)))
                    .body("outcome", equalTo("DENY"))
                    .body("reasons", hasItem("CALLBACK_OUTSIDE_WINDOW"));
            callAt(person, preferred.plus(Duration.ofHours(3)))
                    .body("outcome", equalTo("DENY"))
                    .body("reasons", hasItem("CALLBACK_OUTSIDE_WINDOW"));
            callAt(person, preferred.plus(Duration.ofMinutes(110)))
                    .body("outcome", equalTo("ALLOW"))
                    .body(
                            "validUntil",
                            equalTo(preferred.plus(Duration.ofHours(2)).toString()));

            // the tenant calls them back and they answer: the permission is used
            CallStatusChanged madeCall = new CallStatusChanged(
                    "CA-" + UUID.randomUUID(),
                    Provider.TWILIO,
                    "AC-test",
                    CallDirection.OUTBOUND,
                    TestEvents.SENDER_A,
                    person,
                    CallStatus.ANSWERED,
                    null,
                    Instant.now());
            kafka.send(envelope(subject, madeCall.occurredAt(), madeCall));
            await("the callback is used").atMost(AT_MOST).untilAsserted(() -> callAt(person, preferred)
                    .body("outcome", equalTo("DENY"))
                    .body("reasons", hasItem("CALLBACK_OUTSIDE_WINDOW")));
        }
    }

    private static <T> EventEnvelope<T> envelope(SubjectId subject, Instant at, T data) {
        return EventEnvelope.of(
                EventIds.of("call-ingest", "test", UUID.randomUUID().toString()),
                URI.create("/call-ingest/test"),
                TestEvents.TENANT,
                subject,
                at,
                data);
    }

    /** An informational call to the person from the tenant's number, planned at {@code sendAt}. */
    private static ValidatableResponse callAt(String person, Instant sendAt) {
        return ConsentApi.authorizeAt(person, "VOICE", TestEvents.SENDER_A, sendAt)
                .statusCode(200);
    }

    /** Miami (305) and Maryland (301) keep Eastern time. */
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");

    private static ValidatableResponse authorize(String person, String sender, String contentClass, Instant sendAt) {
        ConsentApi.registerSenders();
        Map<String, Object> body = new HashMap<>();
        body.put("tenantId", "acme");
        body.put("channel", "SMS");
        body.put("from", sender);
        body.put("to", person);
        body.put("contentClass", contentClass);
        body.put("sendAt", sendAt.toString());
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/authorizations")
                .then();
    }

    private static String number(String areaCode) {
        return "+1" + areaCode + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }
}
