package io.consentmesh.dsar.bundle;

import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The person's files that only a deletion agent can read (their store is in {@code mesh.dsar.bundle.exports.stores}):
 * for each one still kept, one export per request and item is planned and commanded through the outbox; the agents'
 * answers are applied once; the copy waits until every export is answered or {@code exports.wait-for} has passed.
 */
@ApplicationScoped
public class FileExports {

    /** One export as the copy uses it: the answer's outcome (null: no answer in time) and, if copied, where. */
    record Export(String outcome, String target, Long bytes, String sha256, String contentType, String detail) {}

    private final Pool database;
    private final FileExportPublisher publisher;
    private final Set<String> stores;
    private final String bucket;
    private final long waitSeconds;

    FileExports(Pool database, FileExportPublisher publisher, BundleConfig config) {
        this.database = database;
        this.publisher = publisher;
        this.stores = Set.copyOf(config.exports().stores().orElse(List.of()));
        this.bucket = config.exports().bucket().orElse(null);
        this.waitSeconds = config.exports().waitFor().toSeconds();
        if (!stores.isEmpty()) {
            String staging = config.exports()
                    .store()
                    .orElseThrow(() -> new IllegalStateException(
                            "mesh.dsar.bundle.exports.stores is set: mesh.dsar.bundle.exports.store must name the"
                                    + " staging storage (one of mesh.dsar.bundle.object-stores)"));
            if (!config.objectStores().containsKey(staging) || bucket == null) {
                throw new IllegalStateException("mesh.dsar.bundle.exports.store must be one of"
                        + " mesh.dsar.bundle.object-stores, and mesh.dsar.bundle.exports.bucket must be set");
            }
        }
    }

    /** Whether an item of this store is read through its agent. */
    boolean throughAgent(String store) {
        return stores.contains(store);
    }

    /**
     * Plans the exports of the request's items (once: a second call plans nothing new) and tells whether they are
     * settled.
     *
     * @param items retention-service's stored items of the person
     * @return the exports by item id once every one is answered or waited for long enough; null while waiting
     */
    Uni<Map<String, Export>> settled(String tenant, UUID requestId, List<Map<String, Object>> items) {
        List<Map<String, Object>> wanted = items.stream()
                .filter(item -> throughAgent(String.valueOf(item.get("store"))))
                .filter(item -> item.get("settled_at") == null && item.get("quarantined_at") == null)
                .toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<String> itemStores = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> item : wanted) {
            String itemId = String.valueOf(item.get("id"));
            ids.add(UUID.nameUUIDFromBytes((requestId + "/" + itemId).getBytes(StandardCharsets.UTF_8)));
            itemIds.add(itemId);
            categories.add(String.valueOf(item.get("category")));
            itemStores.add(String.valueOf(item.get("store")));
            addresses.add(String.valueOf(item.get("storage_uri")));
            targets.add("s3://" + bucket + "/tenants/" + tenant + "/requests/" + requestId + "/" + itemId);
        }
        return database.preparedQuery(
                        """
                        WITH planned AS (
                            INSERT INTO dsar_file_export
                                (export_id, request_id, item_id, category, store, address, target)
                            SELECT e, $1, i, c, s, a, t
                            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                                AS x (e, i, c, s, a, t)
                            ON CONFLICT (request_id, item_id) DO NOTHING
                            RETURNING export_id)
                        INSERT INTO dsar_file_export_outbox (export_id) SELECT export_id FROM planned""")
                .execute(Tuple.from(Arrays.asList(
                        requestId,
                        ids.toArray(UUID[]::new),
                        itemIds.toArray(String[]::new),
                        categories.toArray(String[]::new),
                        itemStores.toArray(String[]::new),
                        addresses.toArray(String[]::new),
                        targets.toArray(String[]::new))))
                .invoke(planned -> {
                    if (planned.rowCount() > 0) {
                        publisher.wake();
                    }
                })
                .chain(() -> database.preparedQuery("SELECT item_id, outcome, target, bytes, sha256, content_type,"
                                + " detail, commanded_at < now() - make_interval(secs => $2) AS late"
                                + " FROM dsar_file_export WHERE request_id = $1")
                        .execute(Tuple.of(requestId, (double) waitSeconds)))
                .map(rows -> {
                    Map<String, Export> exports = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getString("outcome") == null && !row.getBoolean("late")) {
                            return null; // an agent may still answer
                        }
                        exports.put(
                                row.getString("item_id"),
                                new Export(
                                        row.getString("outcome"),
                                        row.getString("target"),
                                        row.getLong("bytes"),
                                        row.getString("sha256"),
                                        row.getString("content_type"),
                                        row.getString("detail")));
                    }
                    return exports;
                });
    }

    /**
     * Applies an agent's answer once (a repeat changes nothing). An answer for an export this tenant never commanded
     * is dead-lettered; one that says it wrote somewhere other than the commanded target is kept as FAILED.
     */
    public Uni<Void> answered(SqlConnection tx, EventEnvelope<FileExported> event) {
        FileExported answer = event.data();
        UUID exportId;
        try {
            exportId = UUID.fromString(answer.exportId());
        } catch (IllegalArgumentException notOurs) {
            throw new MalformedEventException("no file export " + answer.exportId());
        }
        return tx.preparedQuery("SELECT e.target, e.outcome FROM dsar_file_export e JOIN dsar_request r"
                        + " ON r.id = e.request_id WHERE e.export_id = $1 AND r.tenant_id = $2 FOR UPDATE OF e")
                .execute(Tuple.of(exportId, event.tenantId().value()))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new MalformedEventException("no file export " + exportId + " for this tenant");
                    }
                    Row row = rows.iterator().next();
                    if (row.getString("outcome") != null) {
                        return Uni.createFrom().voidItem(); // answered before
                    }
                    boolean elsewhere = answer.outcome() == FileExportOutcome.EXPORTED
                            && !row.getString("target").equals(answer.target());
                    return tx.preparedQuery("UPDATE dsar_file_export SET outcome = $2, bytes = $3, sha256 = $4,"
                                    + " content_type = $5, detail = $6, agent = $7, answered_at = now()"
                                    + " WHERE export_id = $1")
                            .execute(Tuple.from(Arrays.asList(
                                    exportId,
                                    elsewhere
                                            ? FileExportOutcome.FAILED.name()
                                            : answer.outcome().name(),
                                    elsewhere ? null : answer.bytes(),
                                    elsewhere ? null : answer.sha256(),
                                    truncated(answer.contentType(), 200),
                                    elsewhere
                                            ? "the agent said it wrote elsewhere than asked"
                                            : truncated(answer.detail(), 2000),
                                    answer.agent())))
                            .replaceWithVoid();
                });
    }

    private static String truncated(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
