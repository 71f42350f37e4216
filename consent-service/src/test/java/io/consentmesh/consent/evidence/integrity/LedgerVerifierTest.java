package io.consentmesh.consent.evidence.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.evidence.Checkpointer;
import io.consentmesh.consent.evidence.EvidencePublisher;
import io.consentmesh.consent.evidence.integrity.ChainBreak.Kind;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshInfrastructure;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
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
@MeshTest
class LedgerVerifierTest {

    @Inject
    AgroalDataSource db;

    @Inject
    SubjectKeys keys;

    @Inject
    Checkpointer checkpoints;

    @Inject
    EvidencePublisher publisher;

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
            String markdown = LedgerVerifierCommand.markdown(
                    LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), records -> {}));
            assertThat(markdown).contains(subject.id()).contains("MISSING_PREDECESSOR");
        }
    }

    @Test
    void a_tenants_verification_walks_its_own_chains_only() throws Exception {
        String other = "verifier-" + java.util.UUID.randomUUID();
        String stranger = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(other, stranger);
        String strangersSubject = keys.subjectOf(new io.consentmesh.contracts.envelope.TenantId(other), stranger)
                .value();

        LedgerVerifier.Report acmes;
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            acmes = LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), "acme", records -> {});
        }
        // other tenants' chains are not walked, so neither reported nor counted (nor broken for lack of their heads)
        assertThat(acmes.breaks())
                .allSatisfy(found -> assertThat(found.tenantId()).isEqualTo("acme"));
        given().get("/v1/audit/ledger-integrity")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(strangersSubject)));
        long acmeRecords = ConsentDatabase.count(db, "SELECT count(*) FROM consent.evidence WHERE tenant_id = 'acme'");
        assertThat(acmes.records()).isLessThanOrEqualTo(acmeRecords);
    }

    @Test
    void a_signed_checkpoint_covers_the_chain_and_verifies() throws Exception {
        Subject subject = subjectWithThreeRecords();
        checkpoints.checkpointNow().await().atMost(Duration.ofSeconds(30));

        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.ledger_checkpoint_head WHERE subject_id = ? AND chain_length = 3",
                        subject.id()))
                .isEqualTo(1);
        assertThat(breakOf(subject)).isEmpty();
        assertThat(report().checkpoints()).isPositive();
    }

    @Test
    void a_chain_rewritten_consistently_is_found_by_its_signed_checkpoint() throws Exception {
        Subject subject = subjectWithThreeRecords();
        checkpoints.checkpointNow().await().atMost(Duration.ofSeconds(30));

        rewriteLastRecord(subject);

        assertThat(breakOf(subject)).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(Kind.NOT_AS_CHECKPOINTED);
            assertThat(found.expected()).contains("record 3");
        });
    }

    @Test
    void a_forged_checkpoint_is_found() throws Exception {
        Subject subject = subjectWithThreeRecords();
        checkpoints.checkpointNow().await().atMost(Duration.ofSeconds(30));
        publisher.flush().await().atMost(Duration.ofSeconds(30)); // the genuine one is published before the forgery
        SignedHead original = lastHeadSignedFor(subject);
        try {
            tamperCheckpointHead(subject, original.sequence(), "0".repeat(64));
            assertThat(report().breaks()).anySatisfy(found -> {
                assertThat(found.kind()).isEqualTo(Kind.CHECKPOINT_INVALID);
                assertThat(found.recordId()).endsWith("/" + original.sequence());
            });
        } finally {
            tamperCheckpointHead(subject, original.sequence(), original.headHash());
        }
    }

    @Test
    void the_published_ledger_verifies_from_the_topic_alone() throws Exception {
        Subject subject = subjectWithThreeRecords();
        checkpoints.checkpointNow().await().atMost(Duration.ofSeconds(30));
        publisher.flush().await().atMost(Duration.ofSeconds(30));

        EvidenceReplayCommand.Replay replay = EvidenceReplayCommand.replay(
                // as consent-service: it may read its own evidence topic
                MeshInfrastructure.get().kafkaClientConfig("consent-service"),
                "consent.evidence.v1",
                checkpoints.key().publicKeyBase64(),
                false);

        assertThat(replay.events()).isGreaterThanOrEqualTo(4); // three records and at least one checkpoint
        assertThat(replay.report().checkpoints()).isPositive();
        assertThat(replay.report().breaks())
                .noneSatisfy(found -> assertThat(found.subjectId()).isEqualTo(subject.id()));
    }

    private record Subject(String id, List<String> records) {}

    private LedgerVerifier.Report report() throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            return LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), records -> {});
        }
    }

    /**
     * What a table owner who knows the hash scheme can do: change the last record and recompute its hash and the
     * chain's head, so that every link still holds. Only the signature over the old head can tell.
     */
    private void rewriteLastRecord(Subject subject) throws SQLException {
        String last = subject.records().get(2);
        tamper("UPDATE consent.evidence SET content = content || '{\"body\": \"YES\"}' WHERE id = ?::uuid", last);
        LedgerVerifier.Report altered = report();
        ChainBreak changed = altered.breaks().stream()
                .filter(b -> subject.id().equals(b.subjectId()))
                .findFirst()
                .orElseThrow();
        assertThat(changed.kind()).isEqualTo(Kind.CHANGED);
        String recomputed = changed.expected();
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement();
                    PreparedStatement record =
                            connection.prepareStatement("UPDATE consent.evidence SET hash = ? WHERE id = ?::uuid");
                    PreparedStatement head = connection.prepareStatement(
                            "UPDATE consent.subject_chain SET head_hash = ? WHERE subject_id = ?")) {
                ddl.execute("ALTER TABLE consent.evidence DISABLE TRIGGER evidence_append_only");
                record.setString(1, recomputed);
                record.setString(2, last);
                record.executeUpdate();
                head.setString(1, recomputed);
                head.setString(2, subject.id());
                head.executeUpdate();
                ddl.execute("ALTER TABLE consent.evidence ENABLE TRIGGER evidence_append_only");
            }
            connection.commit();
        }
    }

    private record SignedHead(long sequence, String headHash) {}

    private SignedHead lastHeadSignedFor(Subject subject) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT sequence, head_hash"
                        + " FROM consent.ledger_checkpoint_head WHERE subject_id = ? ORDER BY sequence DESC LIMIT 1")) {
            query.setString(1, subject.id());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new SignedHead(row.getLong(1), row.getString(2));
            }
        }
    }

    private void tamperCheckpointHead(Subject subject, long sequence, String headHash) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement();
                    PreparedStatement change = connection.prepareStatement(
                            "UPDATE consent.ledger_checkpoint_head SET head_hash = ? WHERE subject_id = ? AND sequence = ?")) {
                ddl.execute("ALTER TABLE consent.ledger_checkpoint_head DISABLE TRIGGER"
                        + " ledger_checkpoint_head_append_only");
                change.setString(1, headHash);
                change.setString(2, subject.id());
                change.setLong(3, sequence);
                change.executeUpdate();
                ddl.execute(
                        "ALTER TABLE consent.ledger_checkpoint_head ENABLE TRIGGER ledger_checkpoint_head_append_only");
            }
            connection.commit();
        }
    }

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
            return LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), records -> {})
                    .breaks()
                    .stream()
                    .filter(b -> subject.id().equals(b.subjectId()))
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
