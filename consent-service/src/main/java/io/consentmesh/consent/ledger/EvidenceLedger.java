package io.consentmesh.consent.ledger;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Appends evidence to the ledger inside the caller's transaction. The subject's chain head is locked first, so two
 * appends for one person never fork the chain; the insert is a no-op when the source event was already recorded.
 * Consumers of busy topics append whole batches with {@link #appendAll}: the same chains, a constant number of
 * statements per batch instead of four per record.
 */
@ApplicationScoped
public class EvidenceLedger {

    /**
     * Appends a batch in the connection's transaction, in list order (a person's records in the order of their events).
     * Every chain the batch extends is locked first, in {@link SubjectRef} order; records whose source event is in the
     * ledger already, or earlier in the batch, are redeliveries and are not appended.
     *
     * @return for each record, in order, its new id, or empty when it was a redelivery
     */
    public Uni<List<Optional<UUID>>> appendAll(SqlConnection connection, List<NewEvidence> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        TreeSet<SubjectRef> chains = new TreeSet<>();
        batch.forEach(evidence -> chains.add(evidence.chain()));
        Tuple chainKeys = Tuple.of(SubjectRef.tenants(chains), SubjectRef.subjects(chains));
        return connection
                .preparedQuery("INSERT INTO subject_chain (tenant_id, subject_id)"
                        + " SELECT * FROM unnest($1::text[], $2::char(64)[]) ON CONFLICT DO NOTHING")
                .execute(chainKeys)
                .chain(() -> connection
                        .preparedQuery("SELECT c.tenant_id, c.subject_id, c.head_hash FROM subject_chain c"
                                + " JOIN unnest($1::text[], $2::char(64)[]) AS k (tenant_id, subject_id)"
                                + " ON c.tenant_id = k.tenant_id AND c.subject_id = k.subject_id"
                                + " ORDER BY c.tenant_id, c.subject_id FOR UPDATE OF c")
                        .execute(chainKeys))
                .chain(heads -> {
                    Map<SubjectRef, String> head = new HashMap<>();
                    for (Row row : heads) {
                        head.put(
                                new SubjectRef(row.getString("tenant_id"), row.getString("subject_id")),
                                row.getString("head_hash"));
                    }
                    return alreadyRecorded(connection, batch)
                            .chain(recorded -> insertAll(connection, batch, head, recorded));
                });
    }

    /** Record ids derive from their source event ({@link #idOf}), so a redelivery's record is found by its id. */
    private static Uni<Set<UUID>> alreadyRecorded(SqlConnection connection, List<NewEvidence> batch) {
        return connection
                .preparedQuery("SELECT id FROM evidence WHERE id = ANY($1)")
                .execute(Tuple.of(batch.stream()
                        .map(e -> idOf(e.tenant(), e.sourceEventId()))
                        .toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> recorded = new HashSet<>();
                    rows.forEach(row -> recorded.add(row.getUUID(0)));
                    return recorded;
                });
    }

    private static Uni<List<Optional<UUID>>> insertAll(
            SqlConnection connection, List<NewEvidence> batch, Map<SubjectRef, String> head, Set<UUID> recorded) {
        List<Optional<UUID>> appended = new ArrayList<>(batch.size());
        List<NewEvidence> rows = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        Map<SubjectRef, Integer> added = new HashMap<>();
        for (NewEvidence evidence : batch) {
            UUID id = idOf(evidence.tenant(), evidence.sourceEventId());
            if (!recorded.add(id)) {
                appended.add(Optional.empty()); // a redelivery: already in the ledger or earlier in this batch
                continue;
            }
            SubjectRef chain = evidence.chain();
            String previousHash = head.get(chain);
            String hash = ChainHash.next(previousHash, evidence.canonical(id));
            head.put(chain, hash);
            added.merge(chain, 1, Integer::sum);
            rows.add(evidence);
            ids.add(id);
            previous.add(previousHash);
            hashes.add(hash);
            appended.add(Optional.of(id));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(appended);
        }
        // No ON CONFLICT: the chains are locked and redeliveries removed, so a conflict is a bug that must not pass
        // silently (the chain head would name a record that was never written).
        Tuple records = Tuple.tuple(List.of(
                ids.toArray(UUID[]::new),
                rows.stream().map(e -> e.tenant().value()).toArray(String[]::new),
                rows.stream().map(e -> e.subject().value()).toArray(String[]::new),
                rows.stream().map(NewEvidence::sourceEventId).toArray(String[]::new),
                rows.stream().map(e -> e.kind().name()).toArray(String[]::new),
                rows.stream().map(e -> e.channel().name()).toArray(String[]::new),
                rows.stream().map(e -> utc(e.occurredAt())).toArray(OffsetDateTime[]::new),
                rows.stream().map(e -> ChainHash.json(e.content())).toArray(String[]::new),
                previous.toArray(String[]::new),
                hashes.toArray(String[]::new)));
        List<SubjectRef> extended = List.copyOf(added.keySet());
        Tuple newHeads = Tuple.of(
                SubjectRef.tenants(extended),
                SubjectRef.subjects(extended),
                extended.stream().map(head::get).toArray(String[]::new),
                extended.stream().map(added::get).toArray(Integer[]::new));
        return connection
                .preparedQuery(
                        """
                        INSERT INTO evidence (id, tenant_id, subject_id, source_event_id, kind, channel, occurred_at,
                                              content, prev_hash, hash)
                        SELECT id, tenant_id, subject_id, source_event_id, kind, channel, occurred_at, content::jsonb,
                               prev_hash, hash
                          FROM unnest($1::uuid[], $2::text[], $3::char(64)[], $4::text[], $5::text[], $6::text[],
                                      $7::timestamptz[], $8::text[], $9::char(64)[], $10::char(64)[])
                            AS r (id, tenant_id, subject_id, source_event_id, kind, channel, occurred_at, content,
                                  prev_hash, hash)""")
                .execute(records)
                .chain(() -> connection
                        .preparedQuery(
                                """
                                UPDATE subject_chain c SET head_hash = n.head_hash, length = c.length + n.added
                                  FROM unnest($1::text[], $2::char(64)[], $3::char(64)[], $4::int[])
                                    AS n (tenant_id, subject_id, head_hash, added)
                                 WHERE c.tenant_id = n.tenant_id AND c.subject_id = n.subject_id""")
                        .execute(newHeads))
                .replaceWith(appended);
    }

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
