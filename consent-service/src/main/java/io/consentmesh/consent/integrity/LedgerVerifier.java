package io.consentmesh.consent.integrity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.consent.integrity.ChainBreak.Kind;
import io.consentmesh.consent.ledger.ChainHash;
import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Walks every subject's hash chain in the evidence ledger and reports the first broken link of each: a record whose
 * content no longer matches its hash (altered), a predecessor that is gone (deleted), a fork, a chain whose order
 * disagrees with the order the records were written, or a chain that does not end at its recorded head. Reads the
 * rows alone, with plain JDBC and {@link ChainHash}, so an auditor can run it (see {@link LedgerVerifierCommand})
 * against a copy of the database without the service. Streams the ledger subject by subject.
 */
public final class LedgerVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {};

    /** What a verification found. */
    public record Report(Instant verifiedAt, long subjects, long records, List<ChainBreak> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }
    }

    private record Row(
            String id,
            String sourceEventId,
            String kind,
            String channel,
            Instant occurredAt,
            Instant recordedAt,
            String content,
            String prevHash,
            String hash) {}

    private record Head(String hash, long length) {}

    private LedgerVerifier() {}

    /**
     * @param progress told the number of records read so far, every 10,000 records
     */
    public static Report verify(Connection connection, LongConsumer progress) throws SQLException {
        Map<String, Head> heads = heads(connection);
        List<ChainBreak> breaks = new ArrayList<>();
        long subjects = 0;
        long records = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor: PostgreSQL streams only inside a transaction
        try (PreparedStatement rows = connection.prepareStatement(
                "SELECT tenant_id, subject_id, id, source_event_id, kind, channel, occurred_at, recorded_at,"
                        + " content::text AS content, prev_hash, hash FROM evidence"
                        + " ORDER BY tenant_id, subject_id, recorded_at, id")) {
            rows.setFetchSize(2_000);
            try (ResultSet row = rows.executeQuery()) {
                String tenant = null;
                String subject = null;
                List<Row> chain = new ArrayList<>();
                while (row.next()) {
                    String rowTenant = row.getString("tenant_id");
                    String rowSubject = row.getString("subject_id").trim();
                    if (!rowTenant.equals(tenant) || !rowSubject.equals(subject)) {
                        if (tenant != null) {
                            check(tenant, subject, chain, heads.remove(key(tenant, subject)), breaks);
                            subjects++;
                        }
                        tenant = rowTenant;
                        subject = rowSubject;
                        chain = new ArrayList<>();
                    }
                    chain.add(new Row(
                            row.getString("id"),
                            row.getString("source_event_id"),
                            row.getString("kind"),
                            row.getString("channel"),
                            row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                            row.getString("content"),
                            trimmed(row.getString("prev_hash")),
                            trimmed(row.getString("hash"))));
                    if (++records % 10_000 == 0) {
                        progress.accept(records);
                    }
                }
                if (tenant != null) {
                    check(tenant, subject, chain, heads.remove(key(tenant, subject)), breaks);
                    subjects++;
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        // heads with no records left: every record of the subject was deleted
        heads.forEach((key, head) -> {
            if (head.length() > 0) {
                String[] parts = key.split("\u0000");
                breaks.add(new ChainBreak(
                        parts[0],
                        parts[1],
                        Kind.HEAD_MISMATCH,
                        null,
                        head.length() + " records ending at " + head.hash(),
                        "no records",
                        "every record of this subject is gone"));
            }
        });
        progress.accept(records);
        return new Report(Instant.now(), subjects, records, List.copyOf(breaks));
    }

    /** One subject's chain: content hashes, links, order, and the recorded head. Adds its first break, if any. */
    private static void check(String tenant, String subject, List<Row> rows, Head head, List<ChainBreak> breaks) {
        for (Row row : rows) {
            String canonical = canonical(tenant, subject, row);
            String recomputed = canonical == null ? "unreadable record" : ChainHash.next(row.prevHash(), canonical);
            if (!recomputed.equals(row.hash())) {
                breaks.add(new ChainBreak(
                        tenant,
                        subject,
                        Kind.CHANGED,
                        row.id(),
                        recomputed,
                        row.hash(),
                        "the record's content, links or identity were altered after it was written"));
                return;
            }
        }
        Map<String, Row> byPredecessor = new HashMap<>();
        Map<String, Row> byHash = new HashMap<>();
        for (Row row : rows) {
            byHash.put(row.hash(), row);
            Row other = byPredecessor.put(Objects.toString(row.prevHash(), ""), row);
            if (other != null) {
                breaks.add(new ChainBreak(
                        tenant,
                        subject,
                        Kind.FORKED,
                        row.id(),
                        "one successor of " + row.prevHash(),
                        "also " + other.id(),
                        "two records follow the same predecessor"));
                return;
            }
        }
        for (Row row : rows) {
            if (row.prevHash() != null && !byHash.containsKey(row.prevHash())) {
                breaks.add(new ChainBreak(
                        tenant,
                        subject,
                        Kind.MISSING_PREDECESSOR,
                        row.id(),
                        row.prevHash(),
                        "no such record",
                        "the record before this one was deleted"));
                return;
            }
        }
        // walk from the first record; the walk must meet the records in the order they were written
        Row current = byPredecessor.get("");
        if (current == null) {
            breaks.add(new ChainBreak(
                    tenant, subject, Kind.FORKED, null, "a first record", "none", "no record starts the chain"));
            return;
        }
        int position = 0;
        String last = null;
        while (current != null) {
            Row written = rows.get(position);
            if (!written.id().equals(current.id()) && !written.recordedAt().equals(current.recordedAt())) {
                breaks.add(new ChainBreak(
                        tenant,
                        subject,
                        Kind.REORDERED,
                        current.id(),
                        "position " + position + " in the chain",
                        "written as " + written.id() + " was",
                        "the chain's order disagrees with the records' write times"));
                return;
            }
            last = current.hash();
            position++;
            current = byPredecessor.get(current.hash());
        }
        long expectedLength = head == null ? -1 : head.length();
        if (head == null || !Objects.equals(head.hash(), last) || expectedLength != position) {
            breaks.add(new ChainBreak(
                    tenant,
                    subject,
                    Kind.HEAD_MISMATCH,
                    null,
                    head == null ? "a recorded head" : head.length() + " records ending at " + head.hash(),
                    position + " records ending at " + last,
                    "records were deleted from (or added to) the end of the chain"));
        }
    }

    private static String canonical(String tenant, String subject, Row row) {
        Map<String, Object> content;
        try {
            content = JSON.readValue(row.content(), CONTENT);
        } catch (java.io.IOException e) {
            content = Map.of("unreadable", row.content());
        }
        try {
            NewEvidence evidence = new NewEvidence(
                    new TenantId(tenant),
                    new SubjectId(subject),
                    row.sourceEventId(),
                    EvidenceKind.valueOf(row.kind()),
                    Channel.valueOf(row.channel()),
                    row.occurredAt(),
                    content);
            return ChainHash.canonical(UUID.fromString(row.id()), evidence);
        } catch (IllegalArgumentException altered) { // a kind, channel or id no writer could have produced
            return null;
        }
    }

    private static Map<String, Head> heads(Connection connection) throws SQLException {
        Map<String, Head> heads = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT tenant_id, subject_id, head_hash, length FROM subject_chain");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                heads.put(
                        key(
                                row.getString("tenant_id"),
                                row.getString("subject_id").trim()),
                        new Head(trimmed(row.getString("head_hash")), row.getLong("length")));
            }
        }
        return heads;
    }

    private static String key(String tenant, String subject) {
        return tenant + '\u0000' + subject;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
