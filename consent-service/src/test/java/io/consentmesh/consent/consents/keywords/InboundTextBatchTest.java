package io.consentmesh.consent.consents.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.consent.evidence.Checkpointer;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.integrity.LedgerVerifier;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole batch of texts in one transaction ({@link InboundTexts}) must leave the ledger, the projection and the reply
 * queue exactly as applying the texts one at a time would: several texts of one person, redeliveries inside the batch
 * and of the batch, texts out of order, and a campaign consent the batch's STOP must end.
 */
@QuarkusTest
@MeshTest
class InboundTextBatchTest {

    @Inject
    InboundTexts inboundTexts;

    @Inject
    SubjectKeys keys;

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource db;

    @Inject
    Checkpointer checkpoints;

    private final KeywordClassifier keywords = new KeywordClassifier();
    private final FreeTextClassifier freeText = new FreeTextClassifier();

    @Test
    void kw08_kw11_kw12_one_persons_texts_in_one_batch_apply_in_order_and_a_repeat_of_the_batch_changes_nothing()
            throws Exception {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope<SmsReceived> stop = sms(person, TestEvents.SENDER_A, "STOP", t0);
        EventEnvelope<SmsReceived> start = sms(person, TestEvents.SENDER_A, "start", t0.plusSeconds(1));
        EventEnvelope<SmsReceived> stopAgain = sms(person, TestEvents.SENDER_B, "Stop.", t0.plusSeconds(2));
        EventEnvelope<SmsReceived> help = sms(person, TestEvents.SENDER_A, "HELP", t0.plusSeconds(3));
        EventEnvelope<SmsReceived> words =
                sms(person, TestEvents.SENDER_A, "please stop texting me", t0.plusSeconds(4));
        List<InboundTexts.Text> batch = new ArrayList<>();
        for (EventEnvelope<SmsReceived> event : List.of(stop, start, stop, stopAgain, help, words)) {
            batch.add(text(event)); // the first STOP twice: a redelivery inside the batch
        }

        inboundTexts.apply(batch).await().indefinitely();

        String subject = stop.subject();
        assertThat(ledgerSources(subject))
                .as("the web-form consent, then each text once, in order")
                .hasSize(6)
                .endsWith(stop.id(), start.id(), stopAgain.id(), help.id(), words.id());
        assertThat(smsState(subject))
                .as("the last revocation, in other words, is the basis")
                .isEqualTo("REVOKED " + EvidenceLedger.idOf(TestEvents.TENANT, words.id()));
        assertThat(replies(subject))
                .as("a confirmation for each STOP that ended consent (the START in between renewed it), none for the"
                        + " words after the second STOP; the help text")
                .containsExactlyInAnyOrder(
                        "OPT_OUT_CONFIRMATION " + stop.id(),
                        "OPT_OUT_CONFIRMATION " + stopAgain.id(),
                        "HELP " + help.id());
        assertThat(count("revocation_enforcement", subject)).isEqualTo(3);
        assertThat(chainIsIntact(subject)).isTrue();

        inboundTexts.apply(batch).await().indefinitely();

        assertThat(ledgerSources(subject)).hasSize(6);
        assertThat(replies(subject)).hasSize(3);
        assertThat(count("revocation_enforcement", subject)).isEqualTo(3);
        assertThat(chainIsIntact(subject)).isTrue();
    }

    @Test
    void kw11_a_start_older_than_the_stop_before_it_in_the_batch_is_recorded_but_does_not_re_opt_in() {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        ConsentApi.recordSmsOptIn(person);
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope<SmsReceived> stop = sms(person, TestEvents.SENDER_A, "STOP", t0.plusSeconds(2));
        EventEnvelope<SmsReceived> lateStart = sms(person, TestEvents.SENDER_A, "START", t0);

        inboundTexts.apply(List.of(text(stop), text(lateStart))).await().indefinitely();

        assertThat(ledgerSources(stop.subject())).contains(stop.id(), lateStart.id());
        assertThat(smsState(stop.subject())).isEqualTo("REVOKED " + EvidenceLedger.idOf(TestEvents.TENANT, stop.id()));
    }

    @Test
    void kw05_a_doubtful_text_in_a_batch_waits_for_review_once() {
        String person = TestNumbers.randomUs();
        EventEnvelope<SmsReceived> doubtful =
                sms(person, TestEvents.SENDER_A, "I think you should stop", Instant.now());
        InboundTexts.Text text = text(doubtful);
        assertThat(text.words().needsReview())
                .as("the classifier finds it doubtful")
                .isTrue();

        inboundTexts.apply(List.of(text, text)).await().indefinitely();
        inboundTexts.apply(List.of(text)).await().indefinitely();

        assertThat(count("revocation_review", doubtful.subject())).isEqualTo(1);
        assertThat(ledgerSources(doubtful.subject())).isEmpty();
    }

    @Test
    void kw12_a_stop_in_a_batch_ends_the_persons_campaign_consent_too() {
        ConsentApi.registerSenders();
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(TestEvents.TENANT, person).value();
        ConsentApi.recordCampaignSmsOptIn(person, "CACME01");
        EventEnvelope<SmsReceived> stop = sms(person, TestEvents.SENDER_B, "STOP", Instant.now());

        inboundTexts.apply(List.of(text(stop))).await().indefinitely();

        List<String> scoped = pool.preparedQuery("SELECT status, basis_evidence_id FROM consent_state"
                        + " WHERE tenant_id = $1 AND subject_id = $2 AND scope = 'CACME01'")
                .execute(Tuple.of(TestEvents.TENANT.value(), subject))
                .map(rows -> {
                    List<String> found = new ArrayList<>();
                    rows.forEach(row -> found.add(row.getString(0) + " " + row.getUUID(1)));
                    return found;
                })
                .await()
                .indefinitely();
        assertThat(scoped).containsExactly("REVOKED " + EvidenceLedger.idOf(TestEvents.TENANT, stop.id()));
    }

    private EventEnvelope<SmsReceived> sms(String person, String sender, String body, Instant at) {
        return TestEvents.sms(keys, person, sender, body, at);
    }

    private InboundTexts.Text text(EventEnvelope<SmsReceived> event) {
        KeywordMatch keyword = keywords.classify(event.data().body());
        return new InboundTexts.Text(
                event,
                keyword,
                keyword.isKeyword()
                        ? FreeTextMatch.NONE
                        : freeText.classify(event.data().body()));
    }

    /** The subject's records in chain order. */
    private List<String> ledgerSources(String subject) {
        return rows(
                "WITH RECURSIVE chain AS (SELECT hash, source_event_id, 1 AS n FROM evidence"
                        + " WHERE tenant_id = $1 AND subject_id = $2 AND prev_hash IS NULL"
                        + " UNION ALL SELECT e.hash, e.source_event_id, c.n + 1 FROM evidence e JOIN chain c"
                        + " ON e.prev_hash = c.hash AND e.tenant_id = $1 AND e.subject_id = $2)"
                        + " SELECT source_event_id FROM chain ORDER BY n",
                subject,
                row -> row.getString(0));
    }

    private String smsState(String subject) {
        return rows(
                        "SELECT status, basis_evidence_id FROM consent_state WHERE tenant_id = $1 AND subject_id = $2"
                                + " AND channel = 'SMS' AND scope = ''",
                        subject,
                        row -> row.getString(0) + " " + row.getUUID(1))
                .get(0);
    }

    private List<String> replies(String subject) {
        return rows(
                "SELECT kind, in_reply_to FROM reply_command WHERE tenant_id = $1 AND subject_id = $2"
                        + " ORDER BY kind, in_reply_to",
                subject,
                row -> row.getString(0) + " " + row.getString(1));
    }

    private long count(String table, String subject) {
        return rows(
                        "SELECT count(*) FROM " + table + " WHERE tenant_id = $1 AND subject_id = $2",
                        subject,
                        row -> row.getLong(0))
                .get(0);
    }

    private <T> List<T> rows(String sql, String subject, java.util.function.Function<Row, T> map) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(TestEvents.TENANT.value(), subject))
                .map(found -> {
                    List<T> list = new ArrayList<>();
                    found.forEach(row -> list.add(map.apply(row)));
                    return list;
                })
                .await()
                .indefinitely();
    }

    private boolean chainIsIntact(String subject) throws Exception {
        try (Connection connection = db.getConnection()) {
            connection.setSchema("consent");
            return LedgerVerifier.verify(connection, checkpoints.key().publicKeyBase64(), records -> {})
                    .breaks()
                    .stream()
                    .noneMatch(found -> found.subjectId().equals(subject));
        }
    }
}
