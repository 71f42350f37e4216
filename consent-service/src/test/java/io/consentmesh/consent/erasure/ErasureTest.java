package io.consentmesh.consent.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.evidence.Checkpointer;
import io.consentmesh.consent.evidence.EvidencePublisher;
import io.consentmesh.consent.evidence.integrity.EvidenceReplayCommand;
import io.consentmesh.consent.evidence.integrity.LedgerVerifier;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Revealed;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding end to end: personal entries of the ledger are sealed in the table and on the topic; the ledger
 * verifies from the database and from the topic before and after an erasure; after it, nothing of the person opens,
 * their consent is revoked, the as-of answer says when, the rebuilt projection equals the live one, and a repeat or an
 * unknown person is answered as documented.
 */
@QuarkusTest
@MeshTest
class ErasureTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final String IP = "198.51.100.23";
    private static final String AGENT = "Mozilla/5.0 (ErasureTest; Ana's phone)";

    @Inject
    SubjectKeys keys;

    @Inject
    AgroalDataSource db;

    @Inject
    Checkpointer checkpoints;

    @Inject
    EvidencePublisher publisher;

    @Inject
    PersonalData personalData;

    @Test
    void afterARotationThePlatformAdministratorRewrapsTheDataKeysAndOnlyThem() {
        // this service's key-encryption key is the only one: nothing to move, and a repeat is as harmless
        given().spec(MeshCredentials.asPlatformAdmin())
                .post("/v1/admin/privacy/rewrap")
                .then()
                .statusCode(200)
                .body("rewrapped", equalTo(0))
                .body("kekId", equalTo("kek-1"));
        given().spec(MeshCredentials.as("acme", MeshCredentials.PRIVACY_OPS))
                .post("/v1/admin/privacy/rewrap")
                .then()
                .statusCode(403);
    }

    @Test
    void an_erased_person_is_unreadable_everywhere_and_the_ledger_still_verifies() throws Exception {
        String tenant = "erasure-" + UUID.randomUUID(); // a tenant of its own: other tests tamper with theirs
        String ana = TestNumbers.randomUs();
        String ben = TestNumbers.randomUs();
        String anaSubject = keys.subjectOf(new TenantId(tenant), ana).value();
        consent(tenant, ana);
        consent(tenant, ben);

        // sealed in the table: no plaintext, and the personal entries open with the key
        List<Map<String, Object>> stored = contents(tenant, anaSubject);
        assertThat(stored).hasSize(1);
        assertThat(stored.toString())
                .doesNotContain(IP)
                .doesNotContain("ErasureTest")
                .doesNotContain("Ana Example");
        assertThat((String) stored.get(0).get("ipAddress")).startsWith("pv1.");
        assertThat(stored.get(0).get("level")).isEqualTo("EXPRESS_WRITTEN");
        assertThat(open(stored.get(0), "ipAddress")).isEqualTo(Revealed.of(IP));
        assertThat(open(stored.get(0), "subjectName")).isEqualTo(Revealed.of("Ana Example"));

        // and on the topic
        checkpoints.checkpointNow().await().atMost(AT_MOST);
        publisher.flush().await().atMost(AT_MOST);
        assertThat(topicValuesFor(anaSubject))
                .isNotEmpty()
                .noneMatch(
                        value -> value.contains(IP) || value.contains("ErasureTest") || value.contains("Ana Example"));
        assertThat(verifiedFromDatabase(tenant)).isTrue();
        assertThat(verifiedFromTopic(tenant)).isTrue();

        JsonPath erased =
                erase(tenant, ana, "DSAR-ana-1").statusCode(200).extract().jsonPath();
        assertThat(erased.getString("outcome")).isEqualTo("ERASED");
        assertThat(erased.getString("subjectId")).isEqualTo(anaSubject);

        // the ciphertext is still there, unchanged, and reads as erased; Ben's still opens
        List<Map<String, Object>> after = contents(tenant, anaSubject);
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).isEqualTo(stored.get(0));
        assertThat(open(after.get(0), "ipAddress")).isEqualTo(Revealed.ERASED);
        assertThat(open(after.get(0), "userAgent")).isEqualTo(Revealed.ERASED);
        Map<String, Object> bens = contents(
                        tenant, keys.subjectOf(new TenantId(tenant), ben).value())
                .get(0);
        assertThat(open(bens, "ipAddress")).isEqualTo(Revealed.of(IP));
        assertThat(after.get(1))
                .containsEntry("requestRef", "DSAR-ana-1")
                .containsEntry("erasedAt", erased.getString("erasedAt"))
                .containsKey("erasedBy");
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.consent_state WHERE subject_id = ? AND status <> 'REVOKED'",
                        anaSubject))
                .isZero();

        // the as-of answer says when; both verifiers still pass; a rebuild from the topic equals the live projection
        given().queryParam("tenantId", tenant)
                .queryParam("phoneNumber", ana)
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(200)
                .body("erasedAt", equalTo(erased.getString("erasedAt")))
                .body("evidence[1].kind", equalTo("SUBJECT_ERASED"));
        checkpoints.checkpointNow().await().atMost(AT_MOST);
        publisher.flush().await().atMost(AT_MOST);
        assertThat(verifiedFromDatabase(tenant)).isTrue();
        assertThat(verifiedFromTopic(tenant)).isTrue();
        JsonPath rebuilt = given().queryParam("tenantId", tenant)
                .post("/v1/audit/projection-rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rebuilt.getBoolean("matches")).isTrue();
        assertThat(rebuilt.getLong("subjects")).isEqualTo(2);

        // a second erasure is a no-op with the same answer; an unknown person is 404
        JsonPath again =
                erase(tenant, ana, "DSAR-ana-2").statusCode(200).extract().jsonPath();
        assertThat(again.getString("outcome")).isEqualTo("ALREADY_ERASED");
        assertThat(again.getString("erasedAt")).isEqualTo(erased.getString("erasedAt"));
        assertThat(again.getString("evidenceId")).isEqualTo(erased.getString("evidenceId"));
        assertThat(contents(tenant, anaSubject)).hasSize(2);
        erase(tenant, TestNumbers.randomUs(), null)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No personal data held"));
    }

    @Test
    void an_erased_person_who_had_opted_out_is_still_denied() {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
        }
        await("the STOP is evidence")
                .atMost(AT_MOST)
                .until(() ->
                        ConsentDatabase.count(db, "SELECT count(*) FROM consent.evidence WHERE subject_id = ?", subject)
                                == 2);
        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));

        erase("acme", person, "DSAR-stop").statusCode(200).body("outcome", equalTo("ERASED"));

        ConsentApi.authorize(person, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
        ConsentApi.authorize(person, "VOICE", TestEvents.SENDER_A).body("outcome", equalTo("DENY"));
    }

    @Test
    void a_message_waiting_for_review_is_sealed_and_reads_as_erased_after_an_erasure() throws Exception {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STIP"));
        }
        String review = "find { it.subjectId == '" + subject + "' }";
        JsonPath pending = await("the message is queued for review")
                .atMost(AT_MOST)
                .until(
                        () -> given().queryParam("tenantId", "acme")
                                .get("/v1/revocation-reviews")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        reviews -> reviews.get(review) != null);
        assertThat(pending.getString(review + ".body")).isEqualTo("STIP");
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT body FROM consent.revocation_review WHERE subject_id = ?")) {
            query.setString(1, subject);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).startsWith("pv1.").doesNotContain("STIP");
            }
        }

        erase("acme", person, "DSAR-review").statusCode(200);

        // dismissed, so it leaves the queue other tests read; the answer shows the text as erased
        given().contentType(ContentType.JSON)
                .body(Map.of("reviewer", "privacy@acme.example"))
                .post("/v1/revocation-reviews/{id}/dismiss", pending.getString(review + ".id"))
                .then()
                .statusCode(200)
                .body("body.erased", equalTo(true));
    }

    @Test
    void an_erasure_without_its_tenant_or_a_valid_person_is_refused() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("phoneNumber", TestNumbers.randomUs()),
                Map.of("tenantId", "acme"),
                Map.of("tenantId", "acme", "phoneNumber", "555-NOPE"),
                Map.of("tenantId", "acme", "phoneNumber", TestNumbers.randomUs(), "requestRef", "x".repeat(201)))) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/v1/erasures")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON)
                .body("null")
                .post("/v1/erasures")
                .then()
                .statusCode(400);
    }

    private Revealed open(Map<String, Object> content, String field) {
        return personalData
                .opener(List.of(content.get(field)))
                .await()
                .atMost(AT_MOST)
                .open(field, content.get(field));
    }

    private static void consent(String tenant, String person) {
        ConsentApi.recordSmsOptIn(
                tenant, person, Map.of("subjectName", "Ana Example", "ipAddress", IP, "userAgent", AGENT));
    }

    private static io.restassured.response.ValidatableResponse erase(String tenant, String person, String ref) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("tenantId", tenant, "phoneNumber", person));
        if (ref != null) {
            body.put("requestRef", ref);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/erasures")
                .then();
    }

    private List<Map<String, Object>> contents(String tenant, String subject) throws SQLException {
        List<Map<String, Object>> contents = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT content::text FROM consent.evidence"
                        + " WHERE tenant_id = ? AND subject_id = ? ORDER BY occurred_at, recorded_at")) {
            query.setString(1, tenant);
            query.setString(2, subject);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    contents.add(new io.vertx.core.json.JsonObject(rows.getString(1)).getMap());
                }
            }
        }
        return contents;
    }

    private boolean verifiedFromDatabase(String tenant) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            LedgerVerifier.Report report =
                    LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), records -> {});
            return report.breaks().stream().noneMatch(found -> found.tenantId().equals(tenant));
        }
    }

    private boolean verifiedFromTopic(String tenant) {
        EvidenceReplayCommand.Replay replay = EvidenceReplayCommand.replay(
                MeshInfrastructure.get().kafkaClientConfig("consent-service"),
                "consent.evidence.v1",
                checkpoints.key().publicKeyBase64(),
                false);
        return replay.report().breaks().stream()
                .noneMatch(found -> found.tenantId().equals(tenant));
    }

    private static List<String> topicValuesFor(String subject) {
        // as consent-service: it may read its own evidence topic
        try (KafkaTestClient kafka =
                new KafkaTestClient(MeshInfrastructure.get().kafkaClientConfig("consent-service"))) {
            return kafka.readAll("consent.evidence.v1").stream()
                    .filter(record -> subject.equals(record.key()))
                    .map(record -> record.value())
                    .toList();
        }
    }
}
