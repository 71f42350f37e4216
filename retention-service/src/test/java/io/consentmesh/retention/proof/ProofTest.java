package io.consentmesh.retention.proof;

import static io.consentmesh.retention.deletion.RetentionFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.retention.deletion.RetentionFixtures;
import io.consentmesh.retention.inventory.StoredItems;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The proof of a deletion: a signed certificate per item that verifies offline (and fails when altered), a daily
 * certificate whose Merkle root covers the day's items, the hash-chained retention log recomputed (and a changed
 * record found), and the report.
 */
@QuarkusTest
@MeshTest
class ProofTest {

    @Inject
    SubjectKeys keys;

    @Inject
    Pool database;

    @Inject
    DisposalCertificates certificates;

    private final String tenant = RetentionFixtures.newTenant();

    @Test
    void aDeletedRecordingHasACertificateAVerifiableLogAndADailyCertificate() {
        UUID item = deleteARecording();
        String publicKey = given().spec(auditor())
                .get("/v1/retention/signing-key")
                .then()
                .statusCode(200)
                .body("algorithm", equalTo("Ed25519"))
                .extract()
                .path("publicKey");

        DisposalCertificate certificate = given().spec(auditor())
                .get("/v1/retention/items/{id}/certificate", item)
                .then()
                .statusCode(200)
                .body("statement", containsString("\"outcome\":\"DELETED\""))
                .body("statement", containsString("\"type\":\"consent-mesh disposal certificate v1\""))
                .extract()
                .as(DisposalCertificate.class);
        assertThat(DisposalCertificateVerifier.verify(certificate, publicKey).valid())
                .isTrue();
        DisposalCertificate altered = new DisposalCertificate(
                certificate.statement().replace("DELETED", "ALREADY_GONE"),
                certificate.signature(),
                certificate.keyId(),
                null);
        assertThat(DisposalCertificateVerifier.verify(altered, publicKey).problems())
                .contains("the signature does not match the statement");

        // the day ends (certified as the scheduled run does after midnight UTC)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        certificates.certifyDaysBefore(today.plusDays(1)).await().indefinitely();
        DisposalCertificate day = given().spec(auditor())
                .get("/v1/retention/certificates/daily?tenantId={t}&day={d}", tenant, today.toString())
                .then()
                .statusCode(200)
                .extract()
                .as(DisposalCertificate.class);
        assertThat(day.items()).containsExactly(certificate.statement());
        assertThat(DisposalCertificateVerifier.verify(day, publicKey).valid()).isTrue();
        List<String> padded = new ArrayList<>(day.items());
        padded.add(certificate.statement());
        assertThat(DisposalCertificateVerifier.verify(
                                new DisposalCertificate(day.statement(), day.signature(), day.keyId(), padded),
                                publicKey)
                        .valid())
                .as("a list that is not the signed one")
                .isFalse();

        given().spec(auditor())
                .get("/v1/retention/log/verify?tenantId={t}", tenant)
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("chains", equalTo(1)); // the person's: nothing about no one was logged for this tenant
        List<String> kinds = new ArrayList<>();
        database.preparedQuery("SELECT kind FROM retention_record WHERE item_id = $1 ORDER BY at")
                .execute(Tuple.of(item))
                .await()
                .indefinitely()
                .forEach(row -> kinds.add(row.getString("kind")));
        // (a day overdue when it was inventoried, it was escalated too)
        assertThat(kinds).containsSubsequence("INVENTORIED", "COMMANDED", "RECEIPTED");
    }

    @Test
    void aChangedLogRecordIsFoundByTheVerifierAndTheLogRefusesUpdates() {
        UUID item = deleteARecording();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> database.preparedQuery("UPDATE retention_record SET detail = '{}' WHERE item_id = $1")
                                .execute(Tuple.of(item))
                                .await()
                                .indefinitely())
                .hasMessageContaining("append-only");

        // what only the table's owner could do: switch the guard off and rewrite history
        database.query("ALTER TABLE retention_record DISABLE TRIGGER retention_record_append_only")
                .execute()
                .await()
                .indefinitely();
        try {
            database.preparedQuery("UPDATE retention_record SET detail = jsonb_set(detail, '{outcome}', '\"FAILED\"')"
                            + " WHERE item_id = $1 AND kind = 'RECEIPTED'")
                    .execute(Tuple.of(item))
                    .await()
                    .indefinitely();
        } finally {
            database.query("ALTER TABLE retention_record ENABLE TRIGGER retention_record_append_only")
                    .execute()
                    .await()
                    .indefinitely();
        }
        given().spec(auditor())
                .get("/v1/retention/log/verify?tenantId={t}", tenant)
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("broken[0].firstBreak", containsString("was changed"));
    }

    @Test
    void theReportCountsDeletionsWithTheirCertificatesAsJsonAndCsv() {
        deleteARecording();
        given().spec(auditor())
                .get("/v1/retention/report?tenantId={t}", tenant)
                .then()
                .statusCode(200)
                .body("categories.find { it.category == 'RECORDING' }.deleted", equalTo(1))
                .body("categories.find { it.category == 'RECORDING' }.deletedWithCertificate", equalTo(1))
                .body("categories.find { it.category == 'CALL_METADATA' }.retained", equalTo(0));
        String csv = given().spec(auditor())
                .get("/v1/retention/report?tenantId={t}&format=csv", tenant)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("category,period,retained,due,held,overdue,deleted,deleted_with_certificate");
        assertThat(csv).contains("RECORDING,P90D,0,0,0,0,1,1,,");
        given().spec(auditor())
                .get("/v1/retention/report?tenantId={t}&format=xml", tenant)
                .then()
                .statusCode(400);
    }

    @Test
    void noCertificateBeforeTheStoreConfirmsAndNoDailyOneBeforeTheDayEnds() {
        given().spec(auditor())
                .get("/v1/retention/items/{id}/certificate", UUID.randomUUID())
                .then()
                .statusCode(404);
        given().spec(auditor())
                .get("/v1/retention/certificates/daily?tenantId={t}&day={d}", tenant, "2026-13-01")
                .then()
                .statusCode(400);
        given().spec(auditor())
                .get("/v1/retention/certificates/daily?tenantId={t}&day={d}", tenant, "2020-01-01")
                .then()
                .statusCode(404);
    }

    private UUID deleteARecording() {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<RecordingAvailable> recording = RetentionFixtures.recording(
                    tenant,
                    keys.subjectOf(new TenantId(tenant), TestNumbers.randomUs()),
                    RetentionFixtures.newCallId(),
                    Instant.now().minus(91, ChronoUnit.DAYS));
            UUID item = StoredItems.recording(recording, recording.data()).id();
            kafka.send(recording);
            EventEnvelope<DeletionCommanded> command =
                    RetentionFixtures.commandsFor(kafka, item, 1).get(0);
            RetentionFixtures.answer(kafka, command, DeletionOutcome.DELETED, "204");
            await("deleted").atMost(WAIT).untilAsserted(() -> given().spec(auditor())
                    .get("/v1/retention/items/{id}/certificate", item)
                    .then()
                    .statusCode(200));
            return item;
        }
    }

    private RequestSpecification auditor() {
        return MeshCredentials.as(tenant, MeshCredentials.AUDITOR);
    }
}
