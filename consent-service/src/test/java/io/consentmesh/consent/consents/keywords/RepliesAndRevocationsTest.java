package io.consentmesh.consent.consents.keywords;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Keywords, replies and revocations in other words through the real broker and database: texts on telephony.sms.v1,
 * reply commands on consent.reply-command.v1, decisions from POST /v1/authorizations.
 */
@QuarkusTest
@MeshTest
class RepliesAndRevocationsTest {

    @Inject
    SubjectKeys keys;

    @Test
    void kw03_help_yields_a_reply_command_with_the_campaigns_help_text() {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();

        text(person, "HELP");

        ConsumerRecord<String, String> reply = awaitReplies(person, 1).get(0);
        assertThat(reply.value())
                .contains("mesh.consent.reply-requested.v1")
                .contains("\"kind\":\"HELP\"")
                .contains("Acme: help at acme.example/help")
                .contains("\"from\":\"" + TestEvents.SENDER_A + "\"")
                .contains("CACME01");
        assertThat(reply.key())
                .isEqualTo(keys.subjectOf(TestEvents.TENANT, person).value());
    }

    @Test
    void kw08_an_opt_out_gets_one_confirmation_even_when_stop_is_sent_twice() {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        text(person, "STOP");
        text(person, "stop");

        List<ConsumerRecord<String, String>> replies = awaitReplies(person, 1);
        await("no second confirmation")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> repliesTo(person).size() == 1);
        assertThat(replies.get(0).value()).contains("OPT_OUT_CONFIRMATION").contains("notAfter");
    }

    @Test
    void kw05_a_free_text_revocation_blocks_every_sender() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B).body("outcome", equalTo("ALLOW"));

        text(person, "Please stop texting me");

        await("the free-text revocation is enforced")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "DENY"
                        .equals(ConsentApi.authorize(person, "SMS", TestEvents.SENDER_B)
                                .extract()
                                .path("outcome")));
        ConsentApi.authorize(person, "VOICE", TestEvents.SENDER_B).body("outcome", equalTo("DENY"));
        awaitReplies(person, 1); // the one confirmation, as for STOP
    }

    @Test
    void kw05_a_doubtful_message_waits_for_review_and_a_confirmation_blocks() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        text(person, "STIP");

        JsonPath pending = await("the message is queued for review")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> pendingReviews(),
                        reviews -> reviews.getList("body", String.class).contains("STIP")
                                && reviews.getList("subjectId", String.class).contains(subject(person)));
        String id = pending.getString("find { it.subjectId == '" + subject(person) + "' }.id");
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("ALLOW"));

        given().contentType(ContentType.JSON)
                .body(Map.of("reviewer", "compliance@acme.example"))
                .post("/v1/revocation-reviews/{id}/confirm", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("decidedBy", startsWith("compliance@acme.example (api-key mk_"));

        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
        given().contentType(ContentType.JSON)
                .body(Map.of("reviewer", "someone else"))
                .post("/v1/revocation-reviews/{id}/dismiss", id)
                .then()
                .statusCode(409);
    }

    @Test
    void kw05_a_dismissed_message_changes_nothing() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        text(person, "can you stop by the store tomorrow?");

        JsonPath pending = await("the message is queued for review")
                .atMost(Duration.ofSeconds(30))
                .until(() -> pendingReviews(), reviews -> reviews.getList("subjectId", String.class)
                        .contains(subject(person)));
        String id = pending.getString("find { it.subjectId == '" + subject(person) + "' }.id");
        given().contentType(ContentType.JSON)
                .body(Map.of("reviewer", "compliance@acme.example"))
                .post("/v1/revocation-reviews/{id}/dismiss", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISMISSED"));

        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("ALLOW"));
    }

    @Test
    void kw01_a_tenants_own_keyword_revokes_for_that_tenant() {
        given().contentType(ContentType.JSON)
                .body(Map.of("languages", Map.of("es", Map.of("OPT_OUT", List.of("DETENGAN")))))
                .put("/v1/keyword-lists/{tenant}", TestEvents.TENANT.value())
                .then()
                .statusCode(200)
                .body("tenantKeywords.es.OPT_OUT", equalTo(List.of("DETENGAN")));
        given().get("/v1/keyword-lists/{tenant}", "another-tenant")
                .then()
                .statusCode(200)
                .body("effective.es.OPT_OUT", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("DETENGAN")));
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        text(person, "Detengan.");

        await("the tenant's keyword is enforced").atMost(Duration.ofSeconds(30)).until(() -> "DENY"
                .equals(ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                        .extract()
                        .path("outcome")));
    }

    @Test
    void a_keyword_meaning_two_things_is_refused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("languages", Map.of("en", Map.of("OPT_IN", List.of("STOP")))))
                .put("/v1/keyword-lists/{tenant}", TestEvents.TENANT.value())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void kw07_each_revocation_is_recorded_with_its_enforcement_time_and_deadline() {
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);

        text(person, "STOP");

        JsonPath revocations = await("the revocation is logged")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> given().queryParam("tenantId", TestEvents.TENANT.value())
                                .get("/v1/revocations")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> page.getList("revocations.subjectId", String.class)
                                .contains(subject(person)));
        String mine = "revocations.find { it.subjectId == '" + subject(person) + "' }";
        assertThat(revocations.getBoolean(mine + ".withinDeadline")).isTrue();
        assertThat(revocations.getString(mine + ".deadline"))
                .isGreaterThan(revocations.getString(mine + ".enforcedAt"));
        assertThat(revocations.getLong("beyondDeadline")).isZero();
    }

    private String subject(String person) {
        return keys.subjectOf(TestEvents.TENANT, person).value();
    }

    private void text(String person, String body) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, body));
        }
    }

    private static JsonPath pendingReviews() {
        return given().queryParam("tenantId", TestEvents.TENANT.value())
                .get("/v1/revocation-reviews")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<ConsumerRecord<String, String>> repliesTo(String person) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            return kafka.readAll(Topics.CONSENT_REPLY_COMMAND).stream()
                    .filter(record -> record.value().contains("\"to\":\"" + person + "\""))
                    .toList();
        }
    }

    private static List<ConsumerRecord<String, String>> awaitReplies(String person, int count) {
        return await("reply commands to " + person)
                .atMost(Duration.ofSeconds(30))
                .until(() -> repliesTo(person), replies -> replies.size() >= count);
    }
}
