package io.consentmesh.consent.evidence;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalFields;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.ChainedLog;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The evidence ledger: a {@link ChainedLog} (mesh-runtime) over {@code subject_chain} and {@code evidence}. Evidence is
 * appended in batches inside the caller's transaction, a constant number of statements per batch; the chains a batch
 * extends are locked first, so two appends for one person never fork a chain, and a source event already recorded is
 * a redelivery with no effect. A single record is a batch of one. Personal entries of a record's content are sealed
 * under the subject's data key before the record is hashed and stored (mesh-privacy), so erasing the subject leaves
 * the chain intact and its personal data unreadable.
 */
@ApplicationScoped
public class EvidenceLedger {

    /** The content entries that hold personal data, as mesh-contracts declares them for {@code consent.evidence.v1}. */
    public static final Set<String> PERSONAL = PersonalFields.entries(EvidenceRecorded.class, "content");

    private final PersonalData personalData;

    EvidenceLedger(PersonalData personalData) {
        this.personalData = personalData;
    }

    /**
     * Appends a batch in the connection's transaction, in list order (a person's records in the order of their events):
     * the ledger is a {@link ChainedLog}, whose chains are locked in {@link SubjectRef} order; records whose source
     * event is in the ledger already, or earlier in the batch, are redeliveries and are not appended.
     *
     * @return for each record, in order, its new id, or empty when it was a redelivery
     */
    public Uni<List<Optional<UUID>>> appendAll(SqlConnection connection, List<NewEvidence> batch) {
        List<SubjectRef> withPersonalData = batch.stream()
                .filter(evidence ->
                        PERSONAL.stream().anyMatch(field -> evidence.content().get(field) != null))
                .map(NewEvidence::chain)
                .distinct()
                .toList();
        if (withPersonalData.isEmpty()) {
            return LEDGER.appendAll(connection, batch);
        }
        // sealed before hashing: the chain covers the ciphertext, so it verifies with or without the keys
        return personalData
                .sealer(withPersonalData)
                .chain(sealer -> LEDGER.appendAll(
                        connection,
                        batch.stream()
                                .map(evidence -> evidence.withContent(
                                        sealer.sealEntries(evidence.chain(), evidence.content(), PERSONAL)))
                                .toList()));
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
    public Uni<Long> count(SqlClient client, TenantId tenant, SubjectId subject) {
        return client.preparedQuery("SELECT count(*) FROM evidence WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Evidence ids are derived from their source event, so the same event always names the same record. */
    public static UUID idOf(TenantId tenant, String sourceEventId) {
        return UUID.fromString(EventIds.of("consent-evidence", tenant.value(), sourceEventId));
    }
}
