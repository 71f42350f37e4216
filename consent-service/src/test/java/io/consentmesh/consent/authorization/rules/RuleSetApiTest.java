package io.consentmesh.consent.authorization.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Consent;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Rule-set versions stored in and loaded from the real PostgreSQL, through the repository and the REST API. Test
 * versions take effect either long before the bundled one or far in the future, so the rules in effect now stay the
 * bundled ones for every other test in the JVM.
 */
@QuarkusTest
@MeshTest
class RuleSetApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RuleSetRepository repository;

    @Inject
    AgroalDataSource db;

    @Test
    void theBundledRuleSetsAreStoredAtStartAndTheNewestIsInEffectNow() {
        given().get("/v1/rule-sets").then().statusCode(200).body("version", hasItems("2026.11", "2026.12"));
        given().get("/v1/rule-sets/2026.11")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("version", equalTo("2026.11"))
                .body("hours.states.TX.days.SUN", equalTo("12:00-21:00"));

        assertThat(ConsentDatabase.count(db, "SELECT count(*) FROM consent.rule_sets WHERE version = ?", "2026.11"))
                .isEqualTo(1);
        assertThat(ConsentDatabase.count(db, "SELECT count(*) FROM consent.rule_sets WHERE version = ?", "2026.12"))
                .isEqualTo(1);
        assertThat(repository.ruleSetInEffectAt(Instant.now()))
                .hasValueSatisfying(rules -> assertThat(rules.version()).isEqualTo("2026.12"));
        assertThat(repository.ruleSetInEffectAt(Instant.parse("2026-12-06T12:00:00Z")))
                .as("the day before 2026.12 took effect")
                .hasValueSatisfying(rules -> assertThat(rules.version()).isEqualTo("2026.11"));
    }

    @Test
    void storesANewVersionAndServesItFromItsEffectiveInstant() throws IOException {
        String version = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Instant effectiveFrom = farFuture();

        given().contentType(ContentType.JSON)
                .body(document(version, effectiveFrom))
                .post("/v1/rule-sets")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/v1/rule-sets/" + version))
                .body("version", equalTo(version))
                .body("effectiveFrom", equalTo(effectiveFrom.toString()));

        given().get("/v1/rule-sets/" + version).then().statusCode(200).body("version", equalTo(version));
        given().get("/v1/rule-sets").then().body("version", hasItems("2026.11", version));
        assertThat(repository.byVersion(version)).isPresent();
        assertThat(repository.ruleSetInEffectAt(effectiveFrom))
                .hasValueSatisfying(rules -> assertThat(rules.version()).isEqualTo(version));
        assertThat(repository.ruleSetInEffectAt(effectiveFrom.minusSeconds(1)))
                .hasValueSatisfying(rules -> assertThat(rules.version()).isNotEqualTo(version));
    }

    @Test
    void T_TX_aDecisionReEvaluatedUnderTheVersionOfItsDayGetsThatDaysAnswer() throws IOException {
        String version = "test-old-" + UUID.randomUUID().toString().substring(0, 8);
        Instant effectiveFrom = longAgo();
        ObjectNode older = document(version, effectiveFrom);
        ((ObjectNode) older.get("hours").get("states")).remove("TX");
        given().contentType(ContentType.JSON)
                .body(older)
                .post("/v1/rule-sets")
                .then()
                .statusCode(201);

        Instant sundayMorningInAustin = LocalDateTime.parse("2026-11-22T10:00")
                .atZone(ZoneId.of("America/Chicago"))
                .toInstant();
        AuthorizationFacts facts = AuthorizationFacts.builder(
                        Channel.SMS, ContentClass.MARKETING, "+15125550123", sundayMorningInAustin)
                .senderCampaign(new SenderCampaign("camp-1", CampaignStatus.ACTIVE, Set.of("MARKETING")))
                .consent(new Consent(
                        Channel.SMS,
                        null,
                        ConsentGrade.EXPRESS_WRITTEN,
                        UUID.randomUUID(),
                        sundayMorningInAustin.minus(Duration.ofDays(30)),
                        null))
                .build();
        RuleEvaluator evaluator = new RuleEvaluator(AreaCodes.bundled());

        RuleSet thenInEffect =
                repository.ruleSetInEffectAt(effectiveFrom.plusSeconds(60)).orElseThrow();
        assertThat(thenInEffect.version()).isEqualTo(version);
        assertThat(evaluator.evaluate(thenInEffect, facts).outcome()).isEqualTo(DecisionOutcome.ALLOW);
        assertThat(evaluator
                        .evaluate(repository.byVersion("2026.11").orElseThrow(), facts)
                        .outcome())
                .isEqualTo(DecisionOutcome.DEFER);
    }

    @Test
    void aVersionAddedThroughAnotherInstanceIsSeenOnTheNextRefresh() throws Exception {
        String version = "test-peer-" + UUID.randomUUID().toString().substring(0, 8);
        Instant effectiveFrom = farFuture();
        try (Connection connection = db.getConnection();
                var insert = connection.prepareStatement(
                        "INSERT INTO consent.rule_sets (version, effective_from, body) VALUES (?, ?, CAST(? AS jsonb))")) {
            insert.setString(1, version);
            insert.setObject(2, effectiveFrom.atOffset(java.time.ZoneOffset.UTC));
            insert.setString(3, JSON.writeValueAsString(document(version, effectiveFrom)));
            insert.executeUpdate();
        }
        assertThat(repository.byVersion(version)).isEmpty();

        repository.reload().await().atMost(Duration.ofSeconds(10));

        assertThat(repository.byVersion(version)).isPresent();
    }

    @Test
    void storedVersionsCannotBeChanged() {
        assertThatThrownBy(() -> execute("UPDATE consent.rule_sets SET body = '{}'::jsonb WHERE version = '2026.11'"))
                .hasMessageContaining("rule sets are immutable");
        assertThatThrownBy(() -> execute("DELETE FROM consent.rule_sets WHERE version = '2026.11'"))
                .hasMessageContaining("rule sets are immutable");
    }

    @Test
    void anExistingVersionIsAConflict() {
        given().contentType(ContentType.JSON)
                .body(RuleSetParser.bundledDocument())
                .post("/v1/rule-sets")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/rule-set-conflict"))
                .body("detail", equalTo("a rule set with this version is already stored; versions never change"));
    }

    @Test
    void aSecondVersionTakingEffectAtTheSameInstantIsAConflict() throws IOException {
        Instant effectiveFrom = farFuture();
        String first = "test-a-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "test-b-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(document(first, effectiveFrom))
                .post("/v1/rule-sets")
                .then()
                .statusCode(201);

        given().contentType(ContentType.JSON)
                .body(document(second, effectiveFrom))
                .post("/v1/rule-sets")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("another rule set already takes effect at this effectiveFrom"));
        assertThat(repository.byVersion(second)).isEmpty();
    }

    @Test
    void invalidContentIsUnprocessableAndEveryProblemIsNamed() throws IOException {
        ObjectNode invalid = document("test-bad-" + UUID.randomUUID().toString().substring(0, 8), farFuture());
        ((ObjectNode) invalid.get("hours").get("states").get("FL").get("days")).put("MON-SUN", "20:00-08:00");
        ((ObjectNode) invalid.get("consent").get("levels")).put("MARKETING", "A_NOD");

        given().contentType(ContentType.JSON)
                .body(invalid)
                .post("/v1/rule-sets")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/invalid-rule-set"))
                .body(
                        "errors",
                        hasItems(
                                "consent.levels.MARKETING: must be one of [IMPLIED, EXPRESS, EXPRESS_WRITTEN]",
                                "hours.states.FL.days.MON-SUN: must close after it opens"));
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        given().contentType(ContentType.JSON)
                .body("{\"version\": ")
                .post("/v1/rule-sets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/v1/rule-sets")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasItem("the document must be a JSON object"));
    }

    @Test
    void anUnknownVersionIsNotFound() {
        given().get("/v1/rule-sets/no-such-version")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/rule-set-not-found"));
    }

    private static ObjectNode document(String version, Instant effectiveFrom) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(RuleSetParser.bundledDocument());
        document.put("version", version);
        document.put("effectiveFrom", effectiveFrom.toString());
        return document;
    }

    /** Some whole second in 2090–2190, so test versions never take effect during a test run. */
    private static Instant farFuture() {
        return Instant.parse("2090-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(3_000_000_000L));
    }

    /** Some whole second in 2000–2020, before the bundled rule set took effect. */
    private static Instant longAgo() {
        return Instant.parse("2000-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(600_000_000L));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
