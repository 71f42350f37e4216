package io.consentmesh.consent.ledger;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.ChainedLog;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends evidence to the ledger inside the caller's transaction. The subject's chain head is locked first, so two
 * appends for one person never fork the chain; the insert is a no-op when the source event was already recorded.
 * Consumers of busy topics append whole batches with {@link #appendAll}: the same chains, a constant number of
 * statements per batch instead of four per record.
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
        String canonical = evidence.canonical(id);
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
                .setParameter("occurredAt", utc(evidence.occurredAt()))
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

    /**
     * Appends a batch in the connection's transaction, in list order (a person's records in the order of their events):
     * the ledger is a {@link ChainedLog}, whose chains are locked in {@link SubjectRef} order; records whose source
     * event is in the ledger already, or earlier in the batch, are redeliveries and are not appended.
     *
     * @return for each record, in order, its new id, or empty when it was a redelivery
     */
    public Uni<List<Optional<UUID>>> appendAll(SqlConnection connection, List<NewEvidence> batch) {
        return LEDGER.appendAll(connection, batch);
    }

    /** The ledger's layout: the chain table, the evidence table and how a record fills its columns. */
    private static final ChainedLog<NewEvidence> LEDGER = new ChainedLog<>(
            new ChainedLog.Layout<>(
                    "subject_chain",
                    "evidence",
                    List.of(
                            ChainedLog.Column.of("source_event_id", "text", String.class, NewEvidence::sourceEventId),
                            ChainedLog.Column.of(
                                    "kind", "text", String.class, e -> e.kind().name()),
                            ChainedLog.Column.of("channel", "text", String.class, e -> e.channel()
                                    .name()),
                            ChainedLog.Column.of(
                                    "occurred_at", "timestamptz", OffsetDateTime.class, e -> utc(e.occurredAt())),
                            new ChainedLog.Column<>(
                                    "content",
                                    "text",
                                    "content::jsonb",
                                    String.class,
                                    e -> ChainHash.json(e.content())))),
            new ChainedLog.Entry<>() {
                @Override
                public UUID id(NewEvidence evidence) {
                    return idOf(evidence.tenant(), evidence.sourceEventId());
                }

                @Override
                public SubjectRef chain(NewEvidence evidence) {
                    return evidence.chain();
                }

                @Override
                public String canonical(NewEvidence evidence, UUID id) {
                    return evidence.canonical(id);
                }
            });

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
