package io.consentmesh.consent.consents.keywords;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 4, through the real broker and database: a campaign registered with a keyword opt-in message flow
 * ("Text START or JOIN to join") makes its keywords, texted to one of its numbers, express consent to its messages at
 * the level the flow declares, with the text as evidence and the campaign's opt-in confirmation queued.
 */
@QuarkusTest
@MeshTest
class KeywordOptInFlowTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final String OPT_IN_MESSAGE =
            "Acme Deals: you are subscribed to weekly offers. Msg&data rates may apply. Reply STOP to end.";
    private static KafkaTestClient kafka;
    private static String campaign;
    private static String sender;

    @Inject
    SubjectKeys keys;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    /** Once, at the first test: the service is up only once the tests run. */
    private static synchronized void registerTheKeywordOptInCampaign() {
        if (campaign != null) {
            return;
        }
        ConsentApi.registerSenders();
        String id = "CJOIN" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        sender = "+1415" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId", "acme",
                        "brandId", "BACME01",
                        "useCase", "MARKETING",
                        "status", "ACTIVE",
                        "messageFlow",
                                "Customers text START or JOIN to the number on our posters; the poster states"
                                        + " the terms and that consent is not a condition of purchase.",
                        "optInMessage", OPT_IN_MESSAGE,
                        "keywordOptIn", Map.of("keywords", List.of("start", "join"), "level", "EXPRESS_WRITTEN")))
                .put("/v1/registry/campaigns/" + id)
                .then()
                .statusCode(201)
                .body("keywordOptIn.keywords", equalTo(List.of("START", "JOIN")))
                .body("keywordOptIn.level", equalTo("EXPRESS_WRITTEN"));
        ConsentApi.assignSender(sender, id);
        campaign = id;
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void start_under_a_keyword_opt_in_campaign_allows_its_next_marketing_send_and_sends_the_confirmation() {
        registerTheKeywordOptInCampaign();
        String person = TestNumbers.randomUs();
        marketing(person, sender).body("outcome", equalTo("DENY")); // nothing given yet

        kafka.send(TestEvents.sms(keys, person, sender, "START"));

        await("ALLOW after START").atMost(AT_MOST).untilAsserted(() -> marketing(person, sender)
                .body("outcome", equalTo("ALLOW")));
        // the consent is the campaign's: another campaign's number may not market on it
        marketing(person, TestEvents.SENDER_A).body("outcome", equalTo("DENY"));

        List<ConsumerRecord<String, String>> confirmations = await("the opt-in confirmation")
                .atMost(AT_MOST)
                .until(() -> repliesTo(person), replies -> !replies.isEmpty());
        assertThat(confirmations).singleElement().satisfies(reply -> {
            assertThat(reply.value()).contains("\"type\":\"mesh.consent.reply-requested.v2\"");
            assertThat(reply.value()).contains("\"kind\":\"OPT_IN_CONFIRMATION\"");
            assertThat(reply.value()).contains(OPT_IN_MESSAGE);
            assertThat(reply.value()).contains("\"from\":\"" + sender + "\"");
        });
    }

    @Test
    void a_declared_keyword_the_mesh_lists_do_not_have_opts_in_too() {
        registerTheKeywordOptInCampaign();
        String person = TestNumbers.randomUs();
        kafka.send(TestEvents.sms(keys, person, sender, " join "));

        await("ALLOW after JOIN").atMost(AT_MOST).untilAsserted(() -> marketing(person, sender)
                .body("outcome", equalTo("ALLOW")));
    }

    @Test
    void start_to_a_number_whose_campaign_declared_no_keyword_opt_in_gives_no_consent() {
        registerTheKeywordOptInCampaign();
        String person = TestNumbers.randomUs();
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));
        // a later keyword on the same partition: once it is applied, START was read
        kafka.send(TestEvents.sms(keys, person, sender, "JOIN"));
        await("the later JOIN").atMost(AT_MOST).untilAsserted(() -> marketing(person, sender)
                .body("outcome", equalTo("ALLOW")));

        marketing(person, TestEvents.SENDER_A).body("outcome", equalTo("DENY")).body("reasons", hasItem("NO_CONSENT"));
    }

    private static ValidatableResponse marketing(String person, String from) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "tenantId",
                        "acme",
                        "channel",
                        "SMS",
                        "from",
                        from,
                        "to",
                        person,
                        "contentClass",
                        "MARKETING",
                        "sendAt",
                        ConsentApi.DAYTIME_TOMORROW.toString()))
                .post("/v1/authorizations")
                .then()
                .statusCode(200);
    }

    private static List<ConsumerRecord<String, String>> repliesTo(String person) {
        return kafka.readAll(Topics.CONSENT_REPLY_COMMAND).stream()
                .filter(record -> record.value().contains("\"to\":\"" + person + "\""))
                .toList();
    }
}
