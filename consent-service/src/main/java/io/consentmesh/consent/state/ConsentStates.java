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
            "SELECT channel, status, level, basis_evidence_id, changed_at FROM consent_state "
                    + "WHERE tenant_id = :tenant AND subject_id = :subject";

    /**
     * Moves the state to {@code status} unless a later change is already recorded: events that arrive out of order
     * never overwrite newer evidence.
     */
    public Uni<Void> change(
            Mutiny.Session session,
            TenantId tenant,
            SubjectId subject,
            Channel channel,
            ConsentStatus status,
            String level,
            UUID basisEvidenceId,
            Instant changedAt) {
        return session.createNativeQuery(
                        """
                        INSERT INTO consent_state (tenant_id, subject_id, channel, status, level, basis_evidence_id, changed_at)
                        VALUES (:tenant, :subject, :channel, :status, :level, :basis, :changedAt)
                        ON CONFLICT (tenant_id, subject_id, channel) DO UPDATE
                            SET status = EXCLUDED.status, level = EXCLUDED.level,
                                basis_evidence_id = EXCLUDED.basis_evidence_id, changed_at = EXCLUDED.changed_at
                            WHERE consent_state.changed_at <= EXCLUDED.changed_at""")
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .setParameter("channel", channel.name())
                .setParameter("status", status.name())
                .setParameter("level", level)
                .setParameter("basis", basisEvidenceId)
                .setParameter("changedAt", OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * A revocation covers every channel and sender of the brand (the tenant), however the person said it: a keyword
     * by SMS, words on a call, a key press.
     */
    /**
     * Revokes every channel of the brand (KW-12) and records when the revocation, received at {@code revokedAt}, was
     * enforced (KW-07).
     */
    public Uni<Void> revokeEverywhere(
            Mutiny.Session session, TenantId tenant, SubjectId subject, UUID basisEvidenceId, Instant revokedAt) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Channel channel : Channel.values()) {
            all = all.chain(() ->
                    change(session, tenant, subject, channel, ConsentStatus.REVOKED, null, basisEvidenceId, revokedAt));
        }
        return all.chain(() -> revocations.enforced(session, tenant, subject, basisEvidenceId, revokedAt));
    }

    public Uni<Optional<CurrentConsent>> current(
            Mutiny.Session session, TenantId tenant, SubjectId subject, Channel channel) {
        return session.createNativeQuery(SELECT + " AND channel = :channel", Object[].class)
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
                ConsentStatus.valueOf((String) row[1]),
                (String) row[2],
                (UUID) row[3],
                toInstant(row[4]));
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
