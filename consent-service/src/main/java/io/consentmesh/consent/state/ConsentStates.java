package io.consentmesh.consent.state;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.revocations.RevocationLog;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The consent-state projection: one row per tenant, subject and channel, derived from the ledger. */
@ApplicationScoped
public class ConsentStates {

    private final RevocationLog revocations;

    ConsentStates(RevocationLog revocations) {
        this.revocations = revocations;
    }

    private static final String SELECT =
            "SELECT channel, scope, status, level, basis_evidence_id, changed_at, expires_at FROM consent_state "
                    + "WHERE tenant_id = :tenant AND subject_id = :subject";

    private static final String REVOCATION_KINDS = "('OPT_OUT_KEYWORD', 'VERBAL_OPT_OUT', 'FREE_TEXT_OPT_OUT')";

    /** Brand-wide consent (or its revocation) on one channel, without expiry. */
    public Uni<Void> change(
            Mutiny.Session session,
            TenantId tenant,
            SubjectId subject,
            Channel channel,
            ConsentStatus status,
            String level,
            UUID basisEvidenceId,
            Instant changedAt) {
        return change(
                session,
                tenant,
                subject,
                new CurrentConsent(channel, null, status, level, basisEvidenceId, changedAt, null));
    }

    /**
     * Moves the state of the consent's channel and scope to {@code consent} unless a later change is already
     * recorded: events that arrive out of order never overwrite newer evidence. A campaign consent that arrives after
     * a revocation which happened later than it is revoked at once, as replaying the ledger in order would leave it.
     */
    public Uni<Void> change(Mutiny.Session session, TenantId tenant, SubjectId subject, CurrentConsent consent) {
        Uni<Void> upsert = session.createNativeQuery(
                        """
                        INSERT INTO consent_state (tenant_id, subject_id, channel, scope, status, level,
                                                   basis_evidence_id, changed_at, expires_at)
                        VALUES (:tenant, :subject, :channel, :scope, :status, :level, :basis, :changedAt, :expiresAt)
                        ON CONFLICT (tenant_id, subject_id, channel, scope) DO UPDATE
                            SET status = EXCLUDED.status, level = EXCLUDED.level,
                                basis_evidence_id = EXCLUDED.basis_evidence_id, changed_at = EXCLUDED.changed_at,
                                expires_at = EXCLUDED.expires_at
                            WHERE consent_state.changed_at <= EXCLUDED.changed_at""")
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .setParameter("channel", consent.channel().name())
                .setParameter("scope", consent.scope())
                .setParameter("status", consent.status().name())
                .setParameter("level", consent.level())
                .setParameter("basis", consent.basisEvidenceId())
                .setParameter("changedAt", utc(consent.changedAt()))
                .setParameter("expiresAt", consent.expiresAt() == null ? null : utc(consent.expiresAt()))
                .executeUpdate()
                .replaceWithVoid();
        if (consent.campaignId() == null || consent.status() != ConsentStatus.OPTED_IN) {
            return upsert; // brand-wide rows: a later revocation already won through changed_at
        }
        return upsert.chain(() -> session.createNativeQuery(
                        """
                        UPDATE consent_state
                           SET status = 'REVOKED', level = NULL, expires_at = NULL,
                               basis_evidence_id = r.id, changed_at = r.occurred_at
                          FROM (SELECT id, occurred_at FROM evidence
                                 WHERE tenant_id = :tenant AND subject_id = :subject AND kind IN """
                                + REVOCATION_KINDS
                                + """
                                   AND occurred_at > :changedAt
                                 ORDER BY occurred_at DESC, recorded_at DESC LIMIT 1) r
                         WHERE tenant_id = :tenant AND subject_id = :subject AND channel = :channel
                           AND scope = :scope AND basis_evidence_id = :basis""")
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .setParameter("channel", consent.channel().name())
                .setParameter("scope", consent.scope())
                .setParameter("basis", consent.basisEvidenceId())
                .setParameter("changedAt", utc(consent.changedAt()))
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * Revokes every channel of the brand and every campaign consent (KW-12) and records when the revocation, received
     * at {@code revokedAt}, was enforced (KW-07). A revocation covers every sender however the person said it: a
     * keyword by SMS, words on a call, a key press.
     */
    public Uni<Void> revokeEverywhere(
            Mutiny.Session session, TenantId tenant, SubjectId subject, UUID basisEvidenceId, Instant revokedAt) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Channel channel : Channel.values()) {
            all = all.chain(() ->
                    change(session, tenant, subject, channel, ConsentStatus.REVOKED, null, basisEvidenceId, revokedAt));
        }
        return all.chain(() -> session.createNativeQuery(
                                """
                                UPDATE consent_state
                                   SET status = 'REVOKED', level = NULL, expires_at = NULL,
                                       basis_evidence_id = :basis, changed_at = :revokedAt
                                 WHERE tenant_id = :tenant AND subject_id = :subject AND scope <> ''
                                   AND changed_at <= :revokedAt""")
                        .setParameter("tenant", tenant.value())
                        .setParameter("subject", subject.value())
                        .setParameter("basis", basisEvidenceId)
                        .setParameter("revokedAt", utc(revokedAt))
                        .executeUpdate())
                .chain(() -> revocations.enforced(session, tenant, subject, basisEvidenceId, revokedAt));
    }

    /** The brand-wide rows of a batch's people, to work the batch's changes out from ({@link StateChanges}). */
    public Uni<StateChanges> load(SqlConnection connection, Collection<SubjectRef> people) {
        Map<SubjectRef, List<CurrentConsent>> rows = new HashMap<>();
        if (people.isEmpty()) {
            return Uni.createFrom().item(new StateChanges(rows));
        }
        return connection
                .preparedQuery("SELECT s.tenant_id, s.subject_id, s.channel, s.status, s.level, s.basis_evidence_id,"
                        + " s.changed_at FROM consent_state s"
                        + " JOIN unnest($1::text[], $2::char(64)[]) AS k (tenant_id, subject_id)"
                        + " ON s.tenant_id = k.tenant_id AND s.subject_id = k.subject_id WHERE s.scope = ''")
                .execute(Tuple.of(SubjectRef.tenants(people), SubjectRef.subjects(people)))
                .map(found -> {
                    for (Row row : found) {
                        rows.computeIfAbsent(
                                        new SubjectRef(row.getString("tenant_id"), row.getString("subject_id")),
                                        person -> new ArrayList<>())
                                .add(new CurrentConsent(
                                        Channel.valueOf(row.getString("channel")),
                                        null,
                                        ConsentStatus.valueOf(row.getString("status")),
                                        row.getString("level"),
                                        row.getUUID("basis_evidence_id"),
                                        row.getOffsetDateTime("changed_at").toInstant(),
                                        null));
                    }
                    return new StateChanges(rows);
                });
    }

    /**
     * Writes a batch's changes: each changed row once, in its final state; each person's campaign consents revoked by
     * the batch's latest revocation of them (what applying every revocation in turn leaves); every revocation logged.
     * The changed_at guards stay in SQL, as in {@link #change}.
     */
    public Uni<Void> save(SqlConnection connection, StateChanges changes) {
        var rows = changes.changedRows();
        Uni<Void> upserts = rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery(
                                """
                                INSERT INTO consent_state (tenant_id, subject_id, channel, scope, status, level,
                                                           basis_evidence_id, changed_at)
                                SELECT tenant_id, subject_id, channel, '', status, level, basis, changed_at
                                  FROM unnest($1::text[], $2::char(64)[], $3::text[], $4::text[], $5::text[],
                                              $6::uuid[], $7::timestamptz[])
                                    AS r (tenant_id, subject_id, channel, status, level, basis, changed_at)
                                ON CONFLICT (tenant_id, subject_id, channel, scope) DO UPDATE
                                    SET status = EXCLUDED.status, level = EXCLUDED.level,
                                        basis_evidence_id = EXCLUDED.basis_evidence_id,
                                        changed_at = EXCLUDED.changed_at, expires_at = NULL
                                    WHERE consent_state.changed_at <= EXCLUDED.changed_at""")
                        .execute(Tuple.tuple(List.of(
                                rows.stream().map(r -> r.getKey().tenant()).toArray(String[]::new),
                                rows.stream().map(r -> r.getKey().subject()).toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().channel().name())
                                        .toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().status().name())
                                        .toArray(String[]::new),
                                rows.stream().map(r -> r.getValue().level()).toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().basisEvidenceId())
                                        .toArray(UUID[]::new),
                                rows.stream()
                                        .map(r -> utc(r.getValue().changedAt()))
                                        .toArray(OffsetDateTime[]::new))))
                        .replaceWithVoid();
        Map<SubjectRef, StateChanges.Revocation> latest = new LinkedHashMap<>();
        for (StateChanges.Revocation revocation : changes.revocations()) {
            latest.merge(
                    revocation.person(),
                    revocation,
                    (before, after) -> after.receivedAt().isBefore(before.receivedAt()) ? before : after);
        }
        if (latest.isEmpty()) {
            return upserts;
        }
        var winners = List.copyOf(latest.values());
        return upserts.chain(() -> connection
                        .preparedQuery(
                                """
                                UPDATE consent_state s
                                   SET status = 'REVOKED', level = NULL, expires_at = NULL,
                                       basis_evidence_id = r.basis, changed_at = r.revoked_at
                                  FROM unnest($1::text[], $2::char(64)[], $3::uuid[], $4::timestamptz[])
                                    AS r (tenant_id, subject_id, basis, revoked_at)
                                 WHERE s.tenant_id = r.tenant_id AND s.subject_id = r.subject_id AND s.scope <> ''
                                   AND s.changed_at <= r.revoked_at""")
                        .execute(Tuple.of(
                                winners.stream().map(r -> r.person().tenant()).toArray(String[]::new),
                                winners.stream().map(r -> r.person().subject()).toArray(String[]::new),
                                winners.stream()
                                        .map(StateChanges.Revocation::evidenceId)
                                        .toArray(UUID[]::new),
                                winners.stream().map(r -> utc(r.receivedAt())).toArray(OffsetDateTime[]::new))))
                .chain(() -> revocations.enforcedAll(connection, changes.revocations()));
    }

    /** The brand-wide consent on one channel (what STOP and START move). */
    public Uni<Optional<CurrentConsent>> current(
            Mutiny.Session session, TenantId tenant, SubjectId subject, Channel channel) {
        return session.createNativeQuery(SELECT + " AND channel = :channel AND scope = ''", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .setParameter("channel", channel.name())
                .getResultList()
                .map(rows -> rows.stream().findFirst().map(ConsentStates::toConsent));
    }

    public Uni<List<CurrentConsent>> all(Mutiny.Session session, TenantId tenant, SubjectId subject) {
        return session.createNativeQuery(SELECT, Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .getResultList()
                .map(rows -> rows.stream().map(ConsentStates::toConsent).toList());
    }

    private static CurrentConsent toConsent(Object[] row) {
        return new CurrentConsent(
                Channel.valueOf((String) row[0]),
                CurrentConsent.campaignOf((String) row[1]),
                ConsentStatus.valueOf((String) row[2]),
                (String) row[3],
                (UUID) row[4],
                toInstant(row[5]),
                row[6] == null ? null : toInstant(row[6]));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
