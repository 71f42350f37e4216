package io.consentmesh.consent.ledger;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends evidence to the ledger inside the caller's transaction. The subject's chain head is locked first, so two
 * appends for one person never fork the chain; the insert is a no-op when the source event was already recorded.
 */
@ApplicationScoped
public class EvidenceLedger {

    /**
     * @return the new record's id, or empty when this source event is already in the ledger (a redelivery)
     */
    public Uni<Optional<UUID>> append(Mutiny.Session session, NewEvidence evidence) {
        UUID id = idOf(evidence.tenant(), evidence.sourceEventId());
        return session.createNativeQuery(
                        "INSERT INTO subject_chain (tenant_id, subject_id) VALUES (:tenant, :subject) ON CONFLICT DO NOTHING")
                .setParameter("tenant", evidence.tenant().value())
                .setParameter("subject", evidence.subject().value())
                .executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "SELECT head_hash FROM subject_chain WHERE tenant_id = :tenant AND subject_id = :subject FOR UPDATE",
                                String.class)
                        .setParameter("tenant", evidence.tenant().value())
                        .setParameter("subject", evidence.subject().value())
                        .getSingleResultOrNull())
                .chain(previousHash -> insert(session, id, evidence, previousHash));
    }

    private Uni<Optional<UUID>> insert(Mutiny.Session session, UUID id, NewEvidence evidence, String previousHash) {
        String canonical = ChainHash.canonical(id, evidence);
        String hash = ChainHash.next(previousHash, canonical);
        return session.createNativeQuery(
                        """
                        INSERT INTO evidence (id, tenant_id, subject_id, source_event_id, kind, channel, occurred_at,
                                              content, prev_hash, hash)
                        VALUES (:id, :tenant, :subject, :source, :kind, :channel, :occurredAt,
                                CAST(CAST(:content AS text) AS jsonb), :prevHash, :hash)
                        ON CONFLICT (tenant_id, source_event_id) DO NOTHING""")
                .setParameter("id", id)
                .setParameter("tenant", evidence.tenant().value())
                .setParameter("subject", evidence.subject().value())
                .setParameter("source", evidence.sourceEventId())
                .setParameter("kind", evidence.kind().name())
                .setParameter("channel", evidence.channel().name())
                .setParameter("occurredAt", OffsetDateTime.ofInstant(evidence.occurredAt(), ZoneOffset.UTC))
                .setParameter("content", ChainHash.json(evidence.content()))
                .setParameter("prevHash", previousHash)
                .setParameter("hash", hash)
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(Optional.<UUID>empty())
                        : session.createNativeQuery("UPDATE subject_chain SET head_hash = :hash, length = length + 1 "
                                        + "WHERE tenant_id = :tenant AND subject_id = :subject")
                                .setParameter("hash", hash)
                                .setParameter("tenant", evidence.tenant().value())
                                .setParameter("subject", evidence.subject().value())
                                .executeUpdate()
                                .replaceWith(Optional.of(id)));
    }

    /** How many records the ledger holds for a subject (for DSAR answers). */
    public Uni<Long> count(Mutiny.Session session, TenantId tenant, SubjectId subject) {
        return session.createNativeQuery(
                        "SELECT count(*) FROM evidence WHERE tenant_id = :tenant AND subject_id = :subject", Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("subject", subject.value())
                .getSingleResult();
    }

    /** Evidence ids are derived from their source event, so the same event always names the same record. */
    public static UUID idOf(TenantId tenant, String sourceEventId) {
        return UUID.fromString(EventIds.of("consent-evidence", tenant.value(), sourceEventId));
    }
}
