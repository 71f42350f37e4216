package io.consentmesh.consent.consents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consent model through the real database and broker: consent scoped to a campaign or to the whole brand, consent
 * that expires, the evidence each source must carry, and a revocation that ends campaign consent too.
 */
@QuarkusTest
@MeshTest
class ConsentModelTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    /** Senders A and B are on CACME01; this campaign of the same brand has no numbers. */
    private static final String OTHER_CAMPAIGN = "CACMEOTHER";

    private static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void G_02_campaign_consent_allows_the_senders_of_that_campaign_only() {
        ConsentApi.registerSenders();
        ConsentApi.putCampaign(OTHER_CAMPAIGN, "MIXED", List.of("ACCOUNT_NOTIFICATION", "MARKETING"), "ACTIVE");
        String forThisCampaign = TestNumbers.randomUs();
        String forAnotherCampaign = TestNumbers.randomUs();
        String evidenceId = record(webForm(forThisCampaign).with("campaignId", "CACME01"))
                .statusCode(201)
                .extract()
                .path("evidenceId");
        record(webForm(forAnotherCampaign).with("campaignId", OTHER_CAMPAIGN)).statusCode(201);

        ConsentApi.authorize(forThisCampaign, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("ALLOW"))
                .body("evidenceIds", hasItem(evidenceId));
        ConsentApi.authorize(forAnotherCampaign, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("NO_CONSENT"));
    }

    @Test
    void G_02_consent_past_its_expiry_is_denied_as_expired() {
        String person = TestNumbers.randomUs();
        record(webForm(person)
                        .with(
                                "capturedAt",
                                Instant.now().minus(Duration.ofDays(30)).toString())
                        .with(
                                "expiresAt",
                                Instant.now().minus(Duration.ofHours(1)).toString()))
                .statusCode(201);

        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("CONSENT_EXPIRED"));
    }

    @Test
    void consent_to_a_campaign_the_tenant_never_registered_is_refused() {
        record(webForm(TestNumbers.randomUs()).with("campaignId", "CNOSUCH"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("campaign CNOSUCH is not registered for tenant acme"));
    }

    @Test
    void G_07_spoken_consent_needs_its_call_and_transcript_offset_and_the_ledger_keeps_them() throws Exception {
        String person = TestNumbers.randomUs();
        Body spoken = new Body(person)
                .with("channel", "VOICE")
                .with("level", "EXPRESS")
                .with("source", "SPOKEN_ON_CALL")
                .with("callId", "CA-consent-model")
                .with("purpose", "appointment reminders");

        record(spoken)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("transcriptOffset"));
        String evidenceId = record(spoken.with("transcriptOffset", 41250))
                .statusCode(201)
                .extract()
                .path("evidenceId");

        assertThat(column("SELECT content->>'callId' FROM consent.evidence WHERE id = ?::uuid", evidenceId))
                .isEqualTo("CA-consent-model");
        assertThat(column("SELECT content->>'transcriptOffset' FROM consent.evidence WHERE id = ?::uuid", evidenceId))
                .isEqualTo("41250");
        assertThat(column("SELECT content->>'purpose' FROM consent.evidence WHERE id = ?::uuid", evidenceId))
                .isEqualTo("appointment reminders");
    }

    @Test
    void KW_12_a_stop_ends_campaign_consent_too_and_start_restores_only_brand_wide_texts() throws Exception {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        record(webForm(person).with("campaignId", "CACME01")).statusCode(201);
        record(webForm(person)).statusCode(201);

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        await("campaign consent revoked").atMost(AT_MOST).until(() -> statusOf(person, "CACME01")
                .equals("REVOKED"));

        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));
        await("brand-wide texts re-opted-in").atMost(AT_MOST).until(() -> statusOf(person, "")
                .equals("OPTED_IN"));
        assertThat(statusOf(person, "CACME01"))
                .as("START re-opts in to texts, not to a campaign")
                .isEqualTo("REVOKED");
        assertLiveStateEqualsTheLedgerReplay(person);
    }

    @Test
    void campaign_consent_that_arrives_after_a_later_stop_is_revoked_at_once_as_a_replay_would_leave_it()
            throws Exception {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        await("STOP recorded").atMost(AT_MOST).until(() -> !statusOf(person, "").isEmpty());

        record(webForm(person)
                        .with("campaignId", "CACME01")
                        .with(
                                "capturedAt",
                                Instant.now().minus(Duration.ofHours(2)).toString()))
                .statusCode(201);

        assertThat(statusOf(person, "CACME01")).isEqualTo("REVOKED");
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A)
                .body("outcome", equalTo("DENY"))
                .body("reasons", hasItem("OPTED_OUT"));
        assertLiveStateEqualsTheLedgerReplay(person);
    }

    /** The as-of answer folds the ledger alone; it must equal the live projection row for row. */
    private void assertLiveStateEqualsTheLedgerReplay(String person) throws Exception {
        JsonPath asOf = given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", person)
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> replayed = new ArrayList<>();
        List<Map<String, Object>> consents = asOf.getList("consents");
        for (Map<String, Object> consent : consents) {
            replayed.add(
                    consent.get("channel") + " " + (consent.get("campaignId") == null ? "" : consent.get("campaignId"))
                            + " " + consent.get("status") + " " + consent.get("basisEvidenceId"));
        }
        List<String> live = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT channel, scope, status, basis_evidence_id FROM consent.consent_state"
                                + " WHERE tenant_id = 'acme' AND subject_id = ? ORDER BY channel, scope")) {
            query.setString(1, keys.subjectOf(TestEvents.TENANT, person).value());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    live.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
                            + row.getString(4));
                }
            }
        }
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(live);
    }

    private String statusOf(String person, String scope) throws Exception {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT status FROM consent.consent_state WHERE tenant_id = 'acme' AND subject_id = ?"
                                + " AND channel = 'SMS' AND scope = ?")) {
            query.setString(1, keys.subjectOf(TestEvents.TENANT, person).value());
            query.setString(2, scope);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }

    private String column(String sql, String id) throws Exception {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse record(Body body) {
        return given().contentType(ContentType.JSON)
                .body(body.fields)
                .post("/v1/consents")
                .then();
    }

    private static Body webForm(String person) {
        return new Body(person).with("ipAddress", "203.0.113.7").with("userAgent", "Mozilla/5.0");
    }

    /** A POST /v1/consents body: express SMS consent from a web form a minute ago, changed field by field. */
    private static final class Body {
        final Map<String, Object> fields = new HashMap<>();

        Body(String person) {
            fields.put("tenantId", "acme");
            fields.put("phoneNumber", person);
            fields.put("channel", "SMS");
            fields.put("level", "EXPRESS");
            fields.put("source", "WEB_FORM");
            fields.put("disclosureText", "Acme may text you about your orders. Reply STOP to end.");
            fields.put("disclosureVersion", "web-2026-12");
            fields.put("capturedAt", Instant.now().minusSeconds(60).toString());
        }

        Body with(String field, Object value) {
            fields.put(field, value);
            return this;
        }
    }
}
