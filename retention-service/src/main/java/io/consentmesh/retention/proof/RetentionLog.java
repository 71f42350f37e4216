package io.consentmesh.retention.proof;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.ChainedLog;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every retention event — an item inventoried or scheduled, a hold placed or released, an item held, commanded,
 * receipted or escalated, a schedule changed — in an append-only, hash-chained log: mesh-runtime's {@link ChainedLog},
 * the consent ledger's mechanism, over {@code retention_chain} and {@code retention_record}. One chain per tenant and
 * person; what concerns no person (a telemetry batch, a hold, a schedule) chains under {@link #NO_PERSON}. Entries are
 * appended in the transaction that makes the change they record, so the log and the state cannot disagree.
 */
public final class RetentionLog {

    /** The chain of a tenant's entries about no person. */
    public static final String NO_PERSON = "0".repeat(64);

    public enum Kind {
        INVENTORIED,
        SCHEDULED,
        SCHEDULE_CHANGED,
        HOLD_PLACED,
        HOLD_RELEASED,
        HELD,
        COMMANDED,
        RECEIPTED,
        ESCALATED,
        /** A data-subject deletion request made the person's items due now. */
        DELETION_REQUESTED
    }

    /**
     * One event of the log.
     *
     * @param source what makes it unique (a command id, an item id and its hold time): the same source is one entry
     */
    public record Entry(
            UUID id, String tenant, String subject, Kind kind, UUID item, Map<String, Object> detail, Instant at) {

        public static Entry of(
                String tenant, String subject, Kind kind, UUID item, String source, Map<String, Object> detail) {
            return new Entry(
                    UUID.fromString(EventIds.of("retention-log", tenant, kind.name(), source)),
                    tenant,
                    subject == null || subject.isBlank() ? NO_PERSON : subject.trim(),
                    kind,
                    item,
                    new TreeMap<>(detail),
                    // as PostgreSQL keeps it, so the hash can be recomputed from the row
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
        }

        /** The text the chain hashes: every column of the record but the hashes, as canonical JSON. */
        public String canonical() {
            Map<String, Object> record = new TreeMap<>();
            record.put("id", id.toString());
            record.put("tenantId", tenant);
            record.put("subjectId", subject);
            record.put("kind", kind.name());
            record.put("itemId", item == null ? null : item.toString());
            record.put("detail", detail);
            record.put("at", at.toString());
            return ChainHash.json(record);
        }
    }

    private static final ChainedLog<Entry> LOG = new ChainedLog<>(
            new ChainedLog.Layout<>(
                    "retention_chain",
                    "retention_record",
                    List.of(
                            ChainedLog.Column.of(
                                    "kind", "text", String.class, e -> e.kind().name()),
                            ChainedLog.Column.of("item_id", "uuid", UUID.class, Entry::item),
                            new ChainedLog.Column<>(
                                    "detail", "text", "detail::jsonb", String.class, e -> ChainHash.json(e.detail())),
                            ChainedLog.Column.of("at", "timestamptz", OffsetDateTime.class, e -> utc(e.at())))),
            new ChainedLog.Entry<>() {
                @Override
                public UUID id(Entry entry) {
                    return entry.id();
                }

                @Override
                public SubjectRef chain(Entry entry) {
                    return new SubjectRef(entry.tenant(), entry.subject());
                }

                @Override
                public String canonical(Entry entry, UUID id) {
                    return entry.canonical();
                }
            });

    private RetentionLog() {}

    /** Appends in the caller's transaction; an entry whose source was logged before is not logged again. */
    public static Uni<Void> append(SqlConnection tx, List<Entry> entries) {
        return entries.isEmpty()
                ? Uni.createFrom().voidItem()
                : LOG.appendAll(tx, entries).replaceWithVoid();
    }

    /** A detail map that may hold nulls (Map.of may not). */
    public static Map<String, Object> detail(Object... keysAndValues) {
        Map<String, Object> detail = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            detail.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return detail;
    }
}
