package io.consentmesh.consent.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.integrity.ChainBreak.Kind;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshInfrastructureResource;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tampering done straight in PostgreSQL, as someone with the table owner's rights could (switching the append-only
 * trigger off first), is found and pinpointed by the verifier.
 */
@QuarkusTest
@WithTestResource(value = MeshInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class LedgerVerifierTest {

    @Inject
    AgroalDataSource db;

    @Inject
    SubjectKeys keys;

    @Test
    void an_untouched_chain_verifies() throws Exception {
        Subject subject = subjectWithThreeRecords();
        assertThat(breakOf(subject)).isEmpty();
    }

    @Test
    void an_altered_record_is_found() throws Exception {
        Subject subject = subjectWithThreeRecords();
        tamper(
                "UPDATE consent.evidence SET content = content || '{\"body\": \"START\"}' WHERE id = ?::uuid",
                subject.records().get(1));

        assertThat(breakOf(subject)).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(Kind.CHANGED);
            assertThat(found.recordId()).isEqualTo(subject.records().get(1));
        });
    }

    @Test
    void a_deleted_record_is_found_at_its_successor() throws Exception {
        Subject subject = subjectWithThreeRecords();
        delete(subject.records().get(1));

        assertThat(breakOf(subject)).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(Kind.MISSING_PREDECESSOR);
            assertThat(found.recordId()).isEqualTo(subject.records().get(2));
        });
    }

    @Test
    void a_deleted_last_record_is_found_at_the_head() throws Exception {
        Subject subject = subjectWithThreeRecords();
        delete(subject.records().get(2));

        assertThat(breakOf(subject))
                .hasValueSatisfying(found -> assertThat(found.kind()).isEqualTo(Kind.HEAD_MISMATCH));
    }

    @Test
    void reordered_records_are_found() throws Exception {
        Subject subject = subjectWithThreeRecords();
        // the first two records trade their write times, as if the second had been written first
        tamper(
                "UPDATE consent.evidence e SET recorded_at = o.recorded_at FROM consent.evidence o"
                        + " WHERE (e.id, o.id) IN ((?::uuid, ?::uuid), (?::uuid, ?::uuid))",
                subject.records().get(0),
                subject.records().get(1),
                subject.records().get(1),
                subject.records().get(0));

        assertThat(breakOf(subject))
                .hasValueSatisfying(found -> assertThat(found.kind()).isEqualTo(Kind.REORDERED));
    }

    @Test
    void the_endpoint_and_the_markdown_report_name_the_broken_chain() throws Exception {
        Subject subject = subjectWithThreeRecords();
        delete(subject.records().get(1));

        given().get("/v1/audit/ledger-integrity")
                .then()
                .statusCode(200)
                .body("breaks.subjectId", hasItem(subject.id()));
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            String markdown = LedgerVerifierCommand.markdown(LedgerVerifier.verify(connection, records -> {}));
            assertThat(markdown).contains(subject.id()).contains("MISSING_PREDECESSOR");
        }
    }

    private record Subject(String id, List<String> records) {}

    /** An opt-in through the API, then STOP and START texted: three records in one chain, oldest first. */
    private Subject subjectWithThreeRecords() throws SQLException {
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordSmsOptIn(person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "STOP"));
            await("the STOP is evidence").atMost(Duration.ofSeconds(30)).until(() -> records(subject) == 2);
            kafka.send(TestEvents.sms(keys, person, TestEvents.SENDER_A, "START"));
            await("the START is evidence").atMost(Duration.ofSeconds(30)).until(() -> records(subject) == 3);
        }
        List<String> ids = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM consent.evidence WHERE subject_id = ? ORDER BY recorded_at, id")) {
            query.setString(1, subject);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return new Subject(subject, ids);
    }

    private long records(String subject) {
        return ConsentDatabase.count(db, "SELECT count(*) FROM consent.evidence WHERE subject_id = ?", subject);
    }

    private Optional<ChainBreak> breakOf(Subject subject) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            return LedgerVerifier.verify(connection, records -> {}).breaks().stream()
                    .filter(b -> b.subjectId().equals(subject.id()))
                    .findFirst();
        }
    }

    /** Hides a record: the consent state resting on it goes too, so nothing points at the gap. */
    private void delete(String record) throws SQLException {
        tamper("DELETE FROM consent.consent_state WHERE basis_evidence_id = ?::uuid", record);
        tamper("DELETE FROM consent.evidence WHERE id = ?::uuid", record);
    }

    /** What a table owner can do: switch the append-only trigger off, change rows, switch it on again. */
    private void tamper(String sql, String... ids) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement();
                    PreparedStatement change = connection.prepareStatement(sql)) {
                ddl.execute("ALTER TABLE consent.evidence DISABLE TRIGGER evidence_append_only");
                for (int i = 0; i < ids.length; i++) {
                    change.setString(i + 1, ids[i]);
                }
                change.executeUpdate();
                ddl.execute("ALTER TABLE consent.evidence ENABLE TRIGGER evidence_append_only");
            }
            connection.commit();
        }
    }
}
