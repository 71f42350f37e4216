package io.consentmesh.dsar.verification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.PersonIntake;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Identity verification of data-subject requests (DSR-06) through the real broker and database: the person is texted a
 * one-time code on dsar.sms-command.v1, nothing goes to the services until they enter it, and every step is on the
 * request's hash-chained record (dsar.request.v1).
 */
@QuarkusTest
@MeshTest
class IdentityVerificationTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Inject
    SubjectKeys keys;

    @Inject
    Pool database;

    @Test
    void theWebFormsRequestWaitsForTheCodeTextedToThePersonThenGoesToEveryService() {
        String person = TestNumbers.randomUs();
        ValidatableResponse opened = intake(PersonIntake.request(person, "DELETION", "PERSON_WEB_FORM"))
                .statusCode(201)
                .body("status", equalTo("AWAITING_VERIFICATION"))
                .body("assuranceRequired", equalTo("REASONABLE"))
                .body("codeExpiresAt", notNullValue())
                // the intake learns what the person must do, nothing of what is held
                .body("subjectId", nullValue())
                .body("results", nullValue());
        String id = opened.extract().path("id");
        String subject = keys.subjectOf(TENANT, person).value();

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            VerificationSmsRequested text = textTo(kafka, subject, id, 1);
            assertThat(text.to()).isEqualTo(person);
            assertThat(text.language()).isEqualTo("en");
            assertThat(text.body()).startsWith("Your code to confirm your privacy request is ");
            String code = codeIn(text);
            // nothing went to the services yet
            assertThat(kafka.readAll(Topics.DSAR_TASK).stream()
                            .filter(r -> r.value().contains(id)))
                    .isEmpty();

            enterCode(id, wrong(code), null)
                    .statusCode(422)
                    .body("type", equalTo("https://consentmesh.io/problems/code-incorrect"))
                    .body("detail", equalTo("the code is not the one sent; 4 attempts left"));
            enterCode(id, code, null).statusCode(200).body("status", equalTo("AWAITING_RESULTS"));
            enterCode(id, code, null)
                    .statusCode(409)
                    .body("type", equalTo("https://consentmesh.io/problems/not-awaiting-verification"));

            kafka.await(Topics.DSAR_TASK, r -> r.value().contains(id), 1, WAIT);
            given().get("/v1/dsar/requests/" + id)
                    .then()
                    .body("verification.method", equalTo("SMS_CODE"))
                    .body("verification.assuranceReached", equalTo("REASONABLE"))
                    .body("verification.codeExpiresAt", nullValue());

            // the record, on the topic, in order, each hash recomputed from the one before
            List<DsarRequestRecorded> steps = recorded(kafka, subject, id, 5);
            assertThat(steps)
                    .extracting(DsarRequestRecorded::kind)
                    .containsExactly("RECEIVED", "VERIFICATION_SENT", "VERIFICATION_FAILED", "VERIFIED", "TASK_ISSUED");
            assertThat(steps.get(2).detail()).containsEntry("reason", "INCORRECT");
            String previous = steps.get(0).previousHash();
            for (DsarRequestRecorded step : steps) {
                assertThat(step.previousHash()).isEqualTo(previous);
                String canonical = DsarRecord.canonical(
                        "acme",
                        subject,
                        UUID.fromString(id),
                        new DsarRecord.Step(
                                UUID.fromString(step.recordId()),
                                step.kind(),
                                step.detail(),
                                step.at(),
                                step.previousHash(),
                                step.hash()));
                assertThat(ChainHash.next(previous, canonical)).as(step.kind()).isEqualTo(step.hash());
                previous = step.hash();
            }
        }
        given().get("/v1/dsar/requests/" + id + "/record")
                .then()
                .statusCode(200)
                .body(
                        "kind",
                        equalTo(List.of(
                                "RECEIVED", "VERIFICATION_SENT", "VERIFICATION_FAILED", "VERIFIED", "TASK_ISSUED")));
        given().get("/v1/dsar/record/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void manyPeopleOpeningAtOnceAreAllTakenIn() throws Exception {
        // more at once than the connection pool holds: each opening makes the person's data key before its
        // transaction, so none waits for a second connection while holding one (that deadlocked until timeouts)
        java.util.concurrent.ExecutorService people = java.util.concurrent.Executors.newFixedThreadPool(48);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 96; i++) {
                answers.add(people.submit(
                        () -> intake(PersonIntake.request(TestNumbers.randomUs(), "DELETION", "PERSON_WEB_FORM"))
                                .extract()
                                .statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(201);
            }
        } finally {
            people.shutdownNow();
        }
    }

    @Test
    void theNumberAndTheCodeAreNeverInClearAtRest() {
        String person = TestNumbers.randomUs();
        String id = intake(PersonIntake.request(person, "RESTRICTION", "AGENT_RUNTIME"))
                .statusCode(201)
                .extract()
                .path("id");
        String stored = database.preparedQuery(
                        "SELECT c::text || ' ' || coalesce((SELECT string_agg(o::text, ' ') FROM dsar_sms_outbox o"
                                + " WHERE o.request_id = $1), '') AS everything FROM dsar_verification_code c"
                                + " WHERE c.request_id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString("everything");
        assertThat(stored).contains("pv1.").doesNotContain(person.substring(2));
    }

    @Test
    void theTextIsInTheRequestsLanguage() {
        String person = TestNumbers.randomUs();
        String id = intake(PersonIntake.request(person, "DELETION", "PERSON_SMS", "language", "es"))
                .statusCode(201)
                .extract()
                .path("id");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            VerificationSmsRequested text =
                    textTo(kafka, keys.subjectOf(TENANT, person).value(), id, 1);
            assertThat(text.language()).isEqualTo("es");
            assertThat(text.body()).startsWith("Su código para confirmar su solicitud de privacidad es ");
        }
        intake(PersonIntake.request(person, "ACCESS", "PERSON_SMS", "language", "fr"))
                .statusCode(400)
                .body("detail", equalTo("language must be one of [en, es]"));
    }

    @Test
    void copiesOfTheDataNeedTheCodeAndTheSignedDeclaration() {
        String person = TestNumbers.randomUs();
        String id = intake(PersonIntake.request(person, "ACCESS", "PERSON_WEB_FORM"))
                .statusCode(201)
                .body("assuranceRequired", equalTo("REASONABLY_HIGH"))
                .extract()
                .path("id");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            String code = codeIn(textTo(kafka, keys.subjectOf(TENANT, person).value(), id, 1));
            enterCode(id, code, null)
                    .statusCode(422)
                    .body("type", equalTo("https://consentmesh.io/problems/assurance-insufficient"));
            // the right code stays valid: sent again with the declaration, it verifies
            enterCode(id, code, Map.of("signedName", "Ana Diaz")).statusCode(200);
        }
        given().get("/v1/dsar/requests/" + id)
                .then()
                .body("status", equalTo("AWAITING_RESULTS"))
                .body("verification.assuranceReached", equalTo("REASONABLY_HIGH"));
        String verified = given().get("/v1/dsar/requests/" + id + "/record")
                .then()
                .extract()
                .path("find { it.kind == 'VERIFIED' }.detail.signedName");
        assertThat(verified).as("the signed name is sealed in the record").startsWith("pv1.");
    }

    @Test
    void anExpiredCodeAndTooManyWrongCodesAreRefusedAndANewCodeReplacesTheOld() {
        String person = TestNumbers.randomUs();
        String id = intake(PersonIntake.request(person, "DELETION", "PERSON_WEB_FORM"))
                .statusCode(201)
                .extract()
                .path("id");
        String subject = keys.subjectOf(TENANT, person).value();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            String first = codeIn(textTo(kafka, subject, id, 1));
            database.preparedQuery("UPDATE dsar_verification_code SET expires_at = now() - interval '1 second'"
                            + " WHERE request_id = $1")
                    .execute(Tuple.of(UUID.fromString(id)))
                    .await()
                    .atMost(WAIT);
            enterCode(id, first, null)
                    .statusCode(422)
                    .body("type", equalTo("https://consentmesh.io/problems/code-expired"));

            resendOnceAllowed(id).statusCode(200).body("status", equalTo("AWAITING_VERIFICATION"));
            String second = codeIn(textTo(kafka, subject, id, 2));
            resend(id)
                    .statusCode(429)
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("https://consentmesh.io/problems/resend-too-soon"));
            for (int i = 0; i < 5; i++) {
                enterCode(id, wrong(second), null).statusCode(422);
            }
            enterCode(id, second, null)
                    .statusCode(429)
                    .body("type", equalTo("https://consentmesh.io/problems/too-many-attempts"));

            resendOnceAllowed(id).statusCode(200);
            String third = codeIn(textTo(kafka, subject, id, 3));
            if (!third.equals(second)) {
                enterCode(id, second, null).statusCode(422); // the old code no longer works
            }
            resendOnceAllowed(id).statusCode(429).body("type", equalTo("https://consentmesh.io/problems/resend-limit"));
            enterCode(id, third, null).statusCode(200);
        }
    }

    @Test
    void aNumberIsTextedAtMostFiveCodesADay() {
        String person = TestNumbers.randomUs();
        String deletion = open(person, "DELETION");
        resendOnceAllowed(deletion).statusCode(200);
        resendOnceAllowed(deletion).statusCode(200);
        String restriction = open(person, "RESTRICTION");
        resendOnceAllowed(restriction).statusCode(200);
        intake(PersonIntake.request(person, "ACCESS", "PERSON_WEB_FORM"))
                .statusCode(429)
                .body("type", equalTo("https://consentmesh.io/problems/number-rate-limit"));
    }

    @Test
    void gdprWaitsForVerificationToStartTheClockAndCcpaCountsIt() {
        String gdpr = intake(PersonIntake.request(
                        TestNumbers.randomUs(), "DELETION", "PERSON_WEB_FORM", "jurisdiction", "GDPR"))
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/v1/dsar/requests/" + gdpr)
                .then()
                .body("clock.ruleIds", equalTo(List.of("DSR-01")))
                .body("clock.waitingForVerification", equalTo(true))
                .body("clock.startedAt", nullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "many recordings"))
                .post("/v1/dsar/requests/" + gdpr + "/extension")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://consentmesh.io/problems/clock-not-started"));
        given().contentType(ContentType.JSON)
                .body(Map.of("evidence", "passport seen at the branch", "assurance", "REASONABLE"))
                .post("/v1/dsar/requests/" + gdpr + "/verification/attestation")
                .then()
                .statusCode(200)
                .body("verification.method", equalTo("ATTESTED"));
        ValidatableResponse started = given().get("/v1/dsar/requests/" + gdpr).then();
        Instant verifiedAt = Instant.parse(started.extract().path("verification.verifiedAt"));
        Instant startedAt = Instant.parse(started.extract().path("clock.startedAt"));
        assertThat(startedAt).isEqualTo(verifiedAt);
        started.body("clock.waitingForVerification", equalTo(false))
                .body(
                        "dueAt",
                        equalTo(startedAt
                                .atOffset(ZoneOffset.UTC)
                                .plusMonths(1)
                                .toInstant()
                                .toString()));

        String ccpa = intake(PersonIntake.request(
                        TestNumbers.randomUs(), "DELETION", "PERSON_WEB_FORM", "jurisdiction", "CCPA"))
                .statusCode(201)
                .extract()
                .path("id");
        ValidatableResponse counted = given().get("/v1/dsar/requests/" + ccpa).then();
        Instant received = Instant.parse(counted.extract().path("receivedAt"));
        counted.body("clock.ruleIds", equalTo(List.of("DSR-04")))
                .body("clock.waitingForVerification", equalTo(false))
                .body("clock.startedAt", equalTo(received.toString()))
                .body("dueAt", equalTo(received.plus(Duration.ofDays(45)).toString()));
    }

    @Test
    void privacyOpsDeniesAnUnverifiableRequestWithItsBasisAndCannotDenyOneAlreadySentOut() {
        String person = TestNumbers.randomUs();
        String id = open(person, "DELETION");
        given().contentType(ContentType.JSON)
                .body(Map.of("basis", "UNVERIFIABLE", "reason", "the code was never entered"))
                .post("/v1/dsar/requests/" + id + "/denial")
                .then()
                .statusCode(200)
                .body("status", equalTo("DENIED"))
                .body("denial.basis", equalTo("UNVERIFIABLE"))
                .body("denial.reason", equalTo("the code was never entered"));
        enterCode(id, "123456", null)
                .statusCode(409)
                .body("type", equalTo("https://consentmesh.io/problems/not-awaiting-verification"));
        given().get("/v1/dsar/requests/" + id + "/record")
                .then()
                .body("kind", equalTo(List.of("RECEIVED", "VERIFICATION_SENT", "DENIED")));

        String attested = given().contentType(ContentType.JSON)
                .body(io.consentmesh.dsar.Attested.request("acme", person, "RESTRICTION"))
                .post("/v1/dsar/requests")
                .then()
                .statusCode(201)
                .body("status", equalTo("AWAITING_RESULTS"))
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("basis", "EXCESSIVE", "reason", "third this year"))
                .post("/v1/dsar/requests/" + attested + "/denial")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://consentmesh.io/problems/not-deniable"));
        given().contentType(ContentType.JSON)
                .body(Map.of("basis", "BECAUSE", "reason", "x"))
                .post("/v1/dsar/requests/" + attested + "/denial")
                .then()
                .statusCode(400);
    }

    @Test
    void theIntakeCannotAttestNorReadAndAnAgentNeedsThePersonsSignedPermission() {
        String person = TestNumbers.randomUs();
        Map<String, Object> attested = new HashMap<>(io.consentmesh.dsar.Attested.request("acme", person, "DELETION"));
        attested.put("source", "PERSON_WEB_FORM");
        intake(attested).statusCode(403).body("type", equalTo("https://consentmesh.io/problems/privacy-ops-only"));
        intake(Map.of("tenantId", "acme", "phoneNumber", person, "type", "DELETION"))
                .statusCode(400)
                .body(
                        "detail",
                        equalTo("source is required: who brought the request in (PERSON_WEB_FORM,"
                                + " PERSON_SMS, AGENT_RUNTIME or AUTHORIZED_AGENT)"));
        intake(PersonIntake.request(person, "DELETION", "AUTHORIZED_AGENT"))
                .statusCode(400)
                .body("detail", equalTo("authorizedAgent is required when the source is AUTHORIZED_AGENT"));
        String id = intake(Map.of(
                        "tenantId",
                        "acme",
                        "phoneNumber",
                        person,
                        "type",
                        "DELETION",
                        "source",
                        "AUTHORIZED_AGENT",
                        "authorizedAgent",
                        Map.of(
                                "name", "Privacy Helpers LLC",
                                "permissionReference", "permit-2026-118",
                                "permissionSignedAt", "2026-11-30T10:00:00Z")))
                .statusCode(201)
                .body("status", equalTo("AWAITING_VERIFICATION"))
                .extract()
                .path("id");
        given().spec(MeshCredentials.as("acme", MeshCredentials.DSAR_INTAKE))
                .get("/v1/dsar/requests/" + id)
                .then()
                .statusCode(403);
        given().get("/v1/dsar/requests/" + id)
                .then()
                .body("source", equalTo("AUTHORIZED_AGENT"))
                .body("verification.authorizedAgent.name", equalTo("Privacy Helpers LLC"));
    }

    private static ValidatableResponse intake(Map<String, ?> body) {
        return PersonIntake.open(body);
    }

    private static String open(String person, String type) {
        return intake(PersonIntake.request(person, type, "PERSON_WEB_FORM"))
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse enterCode(String id, String code, Map<String, String> declaration) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        if (declaration != null) {
            body.put("declaration", declaration);
        }
        return given().spec(MeshCredentials.as("acme", MeshCredentials.DSAR_INTAKE))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/dsar/requests/" + id + "/verification")
                .then();
    }

    private static ValidatableResponse resend(String id) {
        return given().spec(MeshCredentials.as("acme", MeshCredentials.DSAR_INTAKE))
                .post("/v1/dsar/requests/" + id + "/verification/code")
                .then();
    }

    /**
     * A resend once {@code resend-after} (1 s in tests) has passed since the request's last code: the first answer that
     * is not "too soon" (a refused resend changes nothing, so asking again until then is harmless).
     */
    private static ValidatableResponse resendOnceAllowed(String id) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> resend(id), answer -> !"https://consentmesh.io/problems/resend-too-soon"
                        .equals(answer.extract().path("type")));
    }

    /** The {@code n}th text of request {@code id}, from the topic. */
    private static VerificationSmsRequested textTo(KafkaTestClient kafka, String subject, String id, int n) {
        List<ConsumerRecord<String, String>> texts = kafka.await(
                Topics.DSAR_SMS_COMMAND,
                r -> subject.equals(r.key()) && r.value().contains(id),
                n,
                WAIT);
        return EventCodec.decode(texts.get(n - 1).value(), VerificationSmsRequested.class)
                .data();
    }

    private static List<DsarRequestRecorded> recorded(KafkaTestClient kafka, String subject, String id, int n) {
        return kafka
                .await(
                        Topics.DSAR_REQUEST,
                        r -> subject.equals(r.key()) && r.value().contains(id),
                        n,
                        WAIT)
                .stream()
                .map(r -> EventCodec.decode(r.value(), DsarRequestRecorded.class))
                .map(EventEnvelope::data)
                .toList();
    }

    private static String codeIn(VerificationSmsRequested text) {
        Matcher code = CODE.matcher(text.body());
        assertThat(code.find()).as(text.body()).isTrue();
        return code.group(1);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }
}
