package io.consentmesh.consent.audit;

import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.envelope.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Rebuilds the consent-state projection from {@code consent.evidence.v1} into a fresh, in-memory projection (the same
 * fold the as-of query uses) and compares it with the live {@code consent_state} table: a state hash of each — SHA-256
 * over every row in a fixed order — and, where they differ, the difference subject by subject. Feed it the log with
 * {@link #accept}, then call {@link #compare}.
 */
public final class ProjectionRebuild {

    /** One projection row, in the form both sides are hashed in. */
    public record StateRow(String status, String level, String basisEvidenceId, Instant changedAt, Instant expiresAt) {}

    /**
     * Where the live and rebuilt projections disagree; a null side has no row.
     *
     * @param campaignId the campaign of a campaign consent, or null for brand-wide consent
     */
    public record Difference(
            String tenantId, String subjectId, String channel, String campaignId, StateRow live, StateRow rebuilt) {}

    public record Report(
            String tenantId,
            Instant rebuiltAt,
            long events,
            long subjects,
            long liveRows,
            long rebuiltRows,
            String liveStateHash,
            String rebuiltStateHash,
            boolean matches,
            long differenceCount,
            List<Difference> differences) {}

    static final int LISTED_DIFFERENCES = 1_000;

    private final String tenantId;
    private final Map<String, List<ConsentFold.LedgerRecord>> records = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private long events;

    /** @param tenantId rebuild only this tenant's projection, or every tenant's when null */
    public ProjectionRebuild(String tenantId) {
        this.tenantId = tenantId;
    }

    public void accept(EventEnvelope<?> event) {
        if (tenantId != null && !tenantId.equals(event.tenantId().value())) {
            return;
        }
        events++;
        if (!(event.data() instanceof EvidenceRecorded recorded) || !seen.add(recorded.evidenceId())) {
            return; // checkpoints, and repeats of a republished batch
        }
        Object level = recorded.content().get("level");
        Object campaignId = recorded.content().get("campaignId");
        records.computeIfAbsent(event.tenantId().value() + '\u0000' + event.subject(), k -> new ArrayList<>())
                .add(new ConsentFold.LedgerRecord(
                        UUID.fromString(recorded.evidenceId()),
                        EvidenceKind.valueOf(recorded.kind()),
                        Channel.valueOf(recorded.channel()),
                        recorded.occurredAt(),
                        recorded.recordedAt(),
                        level == null ? null : level.toString(),
                        campaignId == null ? null : campaignId.toString(),
                        ConsentFold.instantOrNull(recorded.content().get("expiresAt")),
                        recorded.prevHash(),
                        recorded.hash()));
    }

    public Report compare(Connection connection) throws SQLException {
        TreeMap<String, StateRow> rebuilt = new TreeMap<>();
        records.forEach((key, subjectRecords) -> ConsentFold.fold(subjectRecords)
                .forEach(consent -> rebuilt.put(
                        key + '\u0000' + consent.channel().name() + '\u0000' + consent.scope(), row(consent))));
        TreeMap<String, StateRow> live = live(connection, tenantId);
        List<Difference> differences = new ArrayList<>();
        long differenceCount = 0;
        Set<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(rebuilt.keySet());
        for (String key : keys) {
            StateRow liveRow = live.get(key);
            StateRow rebuiltRow = rebuilt.get(key);
            if (!Objects.equals(liveRow, rebuiltRow)) {
                differenceCount++;
                if (differences.size() < LISTED_DIFFERENCES) {
                    String[] parts = key.split("\u0000", -1);
                    differences.add(new Difference(
                            parts[0], parts[1], parts[2], CurrentConsent.campaignOf(parts[3]), liveRow, rebuiltRow));
                }
            }
        }
        String liveHash = stateHash(live);
        String rebuiltHash = stateHash(rebuilt);
        return new Report(
                tenantId,
                Instant.now(),
                events,
                records.size(),
                live.size(),
                rebuilt.size(),
                liveHash,
                rebuiltHash,
                liveHash.equals(rebuiltHash),
                differenceCount,
                List.copyOf(differences));
    }

    private static TreeMap<String, StateRow> live(Connection connection, String tenantId) throws SQLException {
        TreeMap<String, StateRow> live = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT tenant_id, subject_id, channel, scope, status, level, basis_evidence_id, changed_at, expires_at"
                        + " FROM consent_state WHERE CAST(? AS text) IS NULL OR tenant_id = ?")) {
            query.setString(1, tenantId);
            query.setString(2, tenantId);
            ResultSet row = query.executeQuery();
            while (row.next()) {
                live.put(
                        row.getString("tenant_id")
                                + '\u0000'
                                + row.getString("subject_id").trim()
                                + '\u0000'
                                + row.getString("channel")
                                + '\u0000'
                                + row.getString("scope"),
                        new StateRow(
                                row.getString("status"),
                                row.getString("level"),
                                row.getString("basis_evidence_id"),
                                row.getObject("changed_at", OffsetDateTime.class)
                                        .toInstant(),
                                expiresAt(row)));
            }
        }
        return live;
    }

    private static Instant expiresAt(ResultSet row) throws SQLException {
        OffsetDateTime expiresAt = row.getObject("expires_at", OffsetDateTime.class);
        return expiresAt == null ? null : expiresAt.toInstant();
    }

    private static StateRow row(CurrentConsent consent) {
        return new StateRow(
                consent.status().name(),
                consent.level(),
                consent.basisEvidenceId().toString(),
                consent.changedAt(),
                consent.expiresAt());
    }

    /** SHA-256 over "tenant subject channel scope status level basis changedAt expiresAt" lines, in key order. */
    static String stateHash(TreeMap<String, StateRow> rows) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            rows.forEach((key, row) -> sha256.update((key.replace('\u0000', ' ')
                            + ' '
                            + row.status()
                            + ' '
                            + row.level()
                            + ' '
                            + row.basisEvidenceId()
                            + ' '
                            + row.changedAt()
                            + ' '
                            + row.expiresAt()
                            + '\n')
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
