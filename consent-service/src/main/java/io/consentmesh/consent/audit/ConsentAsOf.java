package io.consentmesh.consent.audit;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.audit.ConsentFold.LedgerRecord;
import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "What did we know about this person's consent at that instant, and which records prove it?": the ledger records
 * written up to the instant, folded into a state ({@link ConsentFold}), with each record's hash and predecessor so
 * the answer can be checked against the chain ({@code /v1/audit/ledger-integrity}). Read on the reactive client.
 */
@ApplicationScoped
public class ConsentAsOf {

    /**
     * The answer: the state per channel at the instant, and the records (oldest first) it rests on; {@code erasedAt}
     * when the person had been erased by then (their personal data unreadable from that time, their consent revoked).
     */
    public record Answer(
            String subjectId,
            Instant at,
            Instant erasedAt,
            List<CurrentConsent> consents,
            List<LedgerRecord> evidence) {}

    private final Pool database;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;

    ConsentAsOf(Pool database, SubjectKeys subjectKeys, SubjectConfig config) {
        this.database = database;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    /**
     * The person's consent as known at the instant. An invalid phone number fails at once (before any query), with
     * the subject-key derivation's exception.
     */
    public Uni<Answer> of(TenantId tenant, String phoneNumber, Instant at) {
        SubjectId subject = subjectKeys.subjectOf(tenant, phoneNumber, config.defaultRegion(), "phoneNumber");
        return recordsKnownAt(tenant, subject, at)
                .map(records -> new Answer(subject.value(), at, erasedAt(records), ConsentFold.fold(records), records));
    }

    private static Instant erasedAt(List<LedgerRecord> records) {
        return records.stream()
                .filter(record -> record.kind() == EvidenceKind.SUBJECT_ERASED)
                .map(LedgerRecord::occurredAt)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private Uni<List<LedgerRecord>> recordsKnownAt(TenantId tenant, SubjectId subject, Instant at) {
        return database.preparedQuery("SELECT id, kind, channel, occurred_at, recorded_at, content->>'level' AS level,"
                        + " content->>'campaignId' AS campaign_id, content->>'expiresAt' AS expires_at,"
                        + " prev_hash, hash"
                        + " FROM consent.evidence WHERE tenant_id = $1 AND subject_id = $2 AND recorded_at <= $3"
                        + " ORDER BY occurred_at, recorded_at")
                .execute(Tuple.of(tenant.value(), subject.value(), utc(at)))
                .map(rows -> {
                    List<LedgerRecord> records = new ArrayList<>();
                    for (Row row : rows) {
                        String prev = row.getString("prev_hash");
                        records.add(new LedgerRecord(
                                row.getUUID("id"),
                                EvidenceKind.valueOf(row.getString("kind")),
                                Channel.valueOf(row.getString("channel")),
                                row.getOffsetDateTime("occurred_at").toInstant(),
                                row.getOffsetDateTime("recorded_at").toInstant(),
                                row.getString("level"),
                                row.getString("campaign_id"),
                                ConsentFold.instantOrNull(row.getString("expires_at")),
                                prev == null ? null : prev.trim(),
                                row.getString("hash").trim()));
                    }
                    return records;
                });
    }
}
