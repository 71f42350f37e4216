package io.consentmesh.consent.state;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.revocations.RevocationLog;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
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
