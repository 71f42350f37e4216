package io.consentmesh.retention.proof;

import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.Merkle;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Signed disposal certificates: one per item when its store confirms it gone (issued in the receipt's transaction),
 * and one per tenant and day once the day has ended — the Merkle root (mesh-runtime's {@link Merkle}, as the ledger's
 * checkpoints) over that day's item statements in item-id order. Both are Ed25519 over the statement's exact text and
 * verify offline ({@link DisposalCertificateVerifier}) with the public key alone.
 */
@ApplicationScoped
public class DisposalCertificates {

    public static final String ITEM = "consent-mesh disposal certificate v1";
    public static final String DAY = "consent-mesh daily disposal certificate v1";

    private static final Logger LOG = Logger.getLogger(DisposalCertificates.class);

    private final Pool database;
    private final CheckpointKey key;

    DisposalCertificates(Pool database, RetentionConfig config) {
        this.database = database;
        this.key = CheckpointKey.fromSeed(config.signingKey());
    }

    public CheckpointKey key() {
        return key;
    }

    /** Certifies the items in the caller's transaction (an item is certified once). */
    public Uni<Void> issue(SqlConnection tx, List<SettledItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        for (SettledItem item : items) {
            String statement = statement(item);
            ids.add(item.itemId());
            tenants.add(item.tenantId());
            days.add(item.settledAt().atOffset(ZoneOffset.UTC).toLocalDate());
            statements.add(statement);
            signatures.add(key.sign(statement.getBytes(StandardCharsets.UTF_8)));
        }
        return tx.preparedQuery(
                        """
                        INSERT INTO disposal_certificate (item_id, tenant_id, day, statement, signature, key_id,
                                                          issued_at)
                        SELECT c.*, $6, now()
                        FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[])
                             AS c (item_id, tenant_id, day, statement, signature)
                        ON CONFLICT (item_id) DO NOTHING""")
                .execute(Tuple.of(
                        ids.toArray(UUID[]::new),
                        tenants.toArray(String[]::new),
                        days.toArray(LocalDate[]::new),
                        statements.toArray(String[]::new),
                        signatures.toArray(String[]::new),
                        key.keyId()))
                .replaceWithVoid();
    }

    /** The canonical text an item certificate signs. */
    static String statement(SettledItem item) {
        Map<String, Object> statement = new TreeMap<>();
        statement.put("type", ITEM);
        statement.put("itemId", item.itemId().toString());
        statement.put("tenantId", item.tenantId());
        statement.put("subjectId", item.subjectId());
        statement.put("category", item.category());
        statement.put("store", item.store());
        statement.put("address", item.address());
        statement.put("storedAt", item.storedAt().toString());
        statement.put("dueAt", item.dueAt() == null ? null : item.dueAt().toString());
        statement.put("reason", item.reason());
        statement.put("commandId", item.commandId());
        statement.put("action", item.action());
        statement.put("outcome", item.outcome());
        statement.put("agent", item.agent());
        statement.put("receiptCompletedAt", item.receiptCompletedAt().toString());
        statement.put("settledAt", item.settledAt().toString());
        return ChainHash.json(statement);
    }

    public Uni<Optional<DisposalCertificate>> ofItem(String tenant, UUID item) {
        return database.preparedQuery("SELECT statement, signature, key_id FROM disposal_certificate"
                        + " WHERE tenant_id = $1 AND item_id = $2")
                .execute(Tuple.of(tenant, item))
                .map(rows -> {
                    var found = rows.iterator();
                    if (!found.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = found.next();
                    return Optional.of(DisposalCertificate.ofItem(
                            row.getString("statement"), row.getString("signature"), row.getString("key_id")));
                });
    }

    /** The day's certificate with the item statements it covers, once the day has been certified. */
    public Uni<Optional<DisposalCertificate>> ofDay(String tenant, LocalDate day) {
        return database.preparedQuery("SELECT statement, signature, key_id FROM disposal_batch_certificate"
                        + " WHERE tenant_id = $1 AND day = $2")
                .execute(Tuple.of(tenant, day))
                .chain(rows -> {
                    var found = rows.iterator();
                    if (!found.hasNext()) {
                        return Uni.createFrom().item(Optional.<DisposalCertificate>empty());
                    }
                    Row batch = found.next();
                    return itemStatements(database, tenant, day)
                            .map(items -> Optional.of(new DisposalCertificate(
                                    batch.getString("statement"),
                                    batch.getString("signature"),
                                    batch.getString("key_id"),
                                    items)));
                });
    }

    @Scheduled(
            every = "${mesh.retention.daily-certificates-every:1h}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledDays() {
        return certifyDaysBefore(LocalDate.now(ZoneOffset.UTC))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.warnf("daily disposal certificates not made (tried again next time): %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Certifies every tenant's days before {@code end} (today, UTC, when scheduled: only days that have ended) that
     * have item certificates but no daily one. Safe on several replicas: the day's row is inserted once.
     *
     * @return how many days were certified
     */
    public Uni<Integer> certifyDaysBefore(LocalDate end) {
        return database.preparedQuery(
                        """
                        SELECT DISTINCT c.tenant_id, c.day FROM disposal_certificate c
                        WHERE c.day < $1
                          AND NOT EXISTS (SELECT 1 FROM disposal_batch_certificate b
                                          WHERE b.tenant_id = c.tenant_id AND b.day = c.day)
                        ORDER BY c.day, c.tenant_id LIMIT 1000""")
                .execute(Tuple.of(end))
                .chain(rows -> {
                    Uni<Integer> certified = Uni.createFrom().item(0);
                    for (Row row : rows) {
                        String tenant = row.getString("tenant_id");
                        LocalDate day = row.getLocalDate("day");
                        certified =
                                certified.chain(count -> certifyDay(tenant, day).map(made -> count + made));
                    }
                    return certified;
                });
    }

    private Uni<Integer> certifyDay(String tenant, LocalDate day) {
        return database.withTransaction(tx -> itemStatements(tx, tenant, day).chain(items -> {
            Map<String, Object> statement = new TreeMap<>();
            statement.put("type", DAY);
            statement.put("tenantId", tenant);
            statement.put("day", day.toString());
            statement.put("items", items.size());
            statement.put("merkleRoot", Merkle.root(items));
            String text = ChainHash.json(statement);
            return tx.preparedQuery(
                            """
                            INSERT INTO disposal_batch_certificate (tenant_id, day, items, merkle_root, statement,
                                                                    signature, key_id, issued_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT DO NOTHING""")
                    .execute(Tuple.from(List.of(
                            tenant,
                            day,
                            items.size(),
                            statement.get("merkleRoot"),
                            text,
                            key.sign(text.getBytes(StandardCharsets.UTF_8)),
                            key.keyId())))
                    .map(inserted -> inserted.rowCount());
        }));
    }

    private static Uni<List<String>> itemStatements(
            io.vertx.mutiny.sqlclient.SqlClient client, String tenant, LocalDate day) {
        return client.preparedQuery("SELECT statement FROM disposal_certificate WHERE tenant_id = $1 AND day = $2"
                        + " ORDER BY item_id")
                .execute(Tuple.of(tenant, day))
                .map(rows -> {
                    List<String> statements = new ArrayList<>();
                    rows.forEach(row -> statements.add(row.getString("statement")));
                    return statements;
                });
    }
}
