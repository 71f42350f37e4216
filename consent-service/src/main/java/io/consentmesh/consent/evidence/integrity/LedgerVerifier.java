package io.consentmesh.consent.evidence.integrity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.consent.evidence.integrity.ChainBreak.Kind;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointStatement;
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
import java.util.TreeMap;
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
    public record Report(Instant verifiedAt, long subjects, long records, long checkpoints, List<ChainBreak> breaks) {
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

    /** Runs a query whose WHERE clause is {@code (CAST(? AS text) IS NULL OR tenant_id = ?)}. */
    private static ResultSet scoped(PreparedStatement query, String tenant) throws SQLException {
        query.setString(1, tenant);
        query.setString(2, tenant);
        return query.executeQuery();
    }

    /**
     * @param checkpointPublicKey the Ed25519 public key (raw, base64) the checkpoints must be signed with
     * @param progress told the number of records read so far, every 10,000 records
     */
    public static Report verify(Connection connection, String checkpointPublicKey, LongConsumer progress)
            throws SQLException {
        return verify(connection, checkpointPublicKey, null, progress);
    }

    /** @param onlyTenant only this tenant's chains and checkpoints (an auditor sees its own), or null for all */
    public static Report verify(
            Connection connection, String checkpointPublicKey, String onlyTenant, LongConsumer progress)
            throws SQLException {
        Map<String, Head> heads = heads(connection, onlyTenant);
        List<ChainBreak> breaks = new ArrayList<>();
        Map<String, List<CheckpointCheck.SignedCheckpoint>> checkpoints = checkpoints(connection, onlyTenant);
        Map<String, List<CheckpointCheck.SignedHead>> signedHeads = new HashMap<>();
        checkpoints.forEach((tenant, tenantCheckpoints) -> {
            List<ChainBreak> invalid = CheckpointCheck.verifyTenant(checkpointPublicKey, tenantCheckpoints);
            breaks.addAll(invalid);
            long firstInvalid = invalid.isEmpty()
                    ? Long.MAX_VALUE
                    : tenantCheckpoints.stream()
                            .filter(c -> invalid.get(0).recordId().equals("checkpoint " + tenant + "/" + c.sequence()))
                            .mapToLong(CheckpointCheck.SignedCheckpoint::sequence)
                            .findFirst()
                            .orElse(0);
            for (CheckpointCheck.SignedCheckpoint checkpoint : tenantCheckpoints) {
                if (checkpoint.sequence() < firstInvalid) { // only heads that a valid signature vouches for
                    checkpoint.heads().forEach(head -> signedHeads
                            .computeIfAbsent(key(tenant, head.subjectId()), k -> new ArrayList<>())
                            .add(new CheckpointCheck.SignedHead(
                                    checkpoint.sequence(), head.length(), head.headHash())));
                }
            }
        });
        long checkpointCount =
                checkpoints.values().stream().mapToLong(List::size).sum();
        long subjects = 0;
        long records = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor: PostgreSQL streams only inside a transaction
        try (PreparedStatement rows = connection.prepareStatement(
                "SELECT tenant_id, subject_id, id, source_event_id, kind, channel, occurred_at, recorded_at,"
                        + " content::text AS content, prev_hash, hash FROM evidence"
                        + " WHERE (CAST(? AS text) IS NULL OR tenant_id = ?)"
                        + " ORDER BY tenant_id, subject_id, recorded_at, id")) {
            rows.setFetchSize(2_000);
            // the records of the tenant being verified only, like its heads and checkpoints: another tenant's chains
            // are neither this auditor's to see nor "broken" for lack of their heads
            try (ResultSet row = scoped(rows, onlyTenant)) {
                String tenant = null;
                String subject = null;
                List<Row> chain = new ArrayList<>();
                while (row.next()) {
                    String rowTenant = row.getString("tenant_id");
                    String rowSubject = row.getString("subject_id").trim();
                    if (!rowTenant.equals(tenant) || !rowSubject.equals(subject)) {
                        if (tenant != null) {
                            check(tenant, subject, chain, heads.remove(key(tenant, subject)), signedHeads, breaks);
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
                    check(tenant, subject, chain, heads.remove(key(tenant, subject)), signedHeads, breaks);
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
        // signed heads of subjects with no records left
        signedHeads.forEach((key, signed) -> {
            String[] parts = key.split("\u0000");
            breaks.addAll(CheckpointCheck.verifyHeads(parts[0], parts[1], List.of(), signed));
        });
        progress.accept(records);
        return new Report(Instant.now(), subjects, records, checkpointCount, List.copyOf(breaks));
    }

    /**
     * One subject's chain: content hashes, links, order, the recorded head, and the heads signed checkpoints saw. Adds
     * its first break, if any.
     */
    private static void check(
            String tenant,
            String subject,
            List<Row> rows,
            Head head,
            Map<String, List<CheckpointCheck.SignedHead>> signedHeads,
            List<ChainBreak> breaks) {
        List<CheckpointCheck.SignedHead> signed = signedHeads.remove(key(tenant, subject));
        List<String> walked = walk(tenant, subject, rows, head, breaks);
        if (walked != null && signed != null) {
            breaks.addAll(CheckpointCheck.verifyHeads(tenant, subject, walked, signed));
        }
    }

    /** @return the chain's hashes in chain order, or null when it is broken (its break added) */
    private static List<String> walk(
            String tenant, String subject, List<Row> rows, Head head, List<ChainBreak> breaks) {
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
                return null;
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
                return null;
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
                return null;
            }
        }
        // walk from the first record; the walk must meet the records in the order they were written
        Row current = byPredecessor.get("");
        if (current == null) {
            breaks.add(new ChainBreak(
                    tenant, subject, Kind.FORKED, null, "a first record", "none", "no record starts the chain"));
            return null;
        }
        int position = 0;
        String last = null;
        List<String> walked = new ArrayList<>(rows.size());
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
                return null;
            }
            last = current.hash();
            walked.add(last);
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
            return null;
        }
        return walked;
    }

    private static Map<String, List<CheckpointCheck.SignedCheckpoint>> checkpoints(
            Connection connection, String onlyTenant) throws SQLException {
        Map<String, List<CheckpointStatement.Head>> heads = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT tenant_id, sequence, subject_id, chain_length, head_hash FROM ledger_checkpoint_head"
                                + " WHERE (CAST(? AS text) IS NULL OR tenant_id = ?)");
                ResultSet row = scoped(query, onlyTenant)) {
            while (row.next()) {
                heads.computeIfAbsent(
                                row.getString("tenant_id") + '/' + row.getLong("sequence"), k -> new ArrayList<>())
                        .add(new CheckpointStatement.Head(
                                row.getString("subject_id").trim(),
                                row.getLong("chain_length"),
                                row.getString("head_hash").trim()));
            }
        }
        Map<String, List<CheckpointCheck.SignedCheckpoint>> byTenant = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT tenant_id, sequence, created_at, previous_root, root, signature FROM ledger_checkpoint"
                                + " WHERE (CAST(? AS text) IS NULL OR tenant_id = ?)");
                ResultSet row = scoped(query, onlyTenant)) {
            while (row.next()) {
                String tenant = row.getString("tenant_id");
                long sequence = row.getLong("sequence");
                byTenant.computeIfAbsent(tenant, t -> new ArrayList<>())
                        .add(new CheckpointCheck.SignedCheckpoint(
                                tenant,
                                sequence,
                                row.getObject("created_at", OffsetDateTime.class)
                                        .toInstant(),
                                trimmed(row.getString("previous_root")),
                                trimmed(row.getString("root")),
                                row.getString("signature"),
                                heads.getOrDefault(tenant + '/' + sequence, List.of())));
            }
        }
        return byTenant;
    }

    private static String canonical(String tenant, String subject, Row row) {
        Map<String, Object> content;
        try {
            content = JSON.readValue(row.content(), CONTENT);
        } catch (java.io.IOException e) {
            content = Map.of("unreadable", row.content());
        }
        return canonical(
                tenant, subject, row.id(), row.sourceEventId(), row.kind(), row.channel(), row.occurredAt(), content);
    }

    /**
     * The canonical text a record's hash covers, rebuilt from its stored or published fields.
     *
     * @return null when a field holds what no writer could have produced (an unknown kind, channel or id)
     */
    static String canonical(
            String tenant,
            String subject,
            String id,
            String sourceEventId,
            String kind,
            String channel,
            Instant occurredAt,
            Map<String, Object> content) {
        try {
            NewEvidence evidence = new NewEvidence(
                    new TenantId(tenant),
                    new SubjectId(subject),
                    sourceEventId,
                    EvidenceKind.valueOf(kind),
                    Channel.valueOf(channel),
                    occurredAt,
                    content);
            return evidence.canonical(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException altered) {
            return null;
        }
    }

    private static Map<String, Head> heads(Connection connection, String tenant) throws SQLException {
        Map<String, Head> heads = new HashMap<>();
        try (PreparedStatement query =
                        connection.prepareStatement("SELECT tenant_id, subject_id, head_hash, length FROM subject_chain"
                                + " WHERE (CAST(? AS text) IS NULL OR tenant_id = ?)");
                ResultSet row = scoped(query, tenant)) {
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
