package io.consentmesh.retention.proof;

import io.consentmesh.runtime.chain.EventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every retention event — an item inventoried or scheduled, a hold placed or released, an item held, commanded,
 * receipted or escalated, a schedule changed — in an append-only, hash-chained log: mesh-runtime's {@link EventLog}
 * over {@code retention_chain} and {@code retention_record}. One chain per tenant and person; what concerns no person
 * (a telemetry batch, a hold, a schedule) chains under {@link EventLog#NO_PERSON}. Entries are appended in the
 * transaction that makes the change they record, so the log and the state cannot disagree.
 */
public final class RetentionLog {

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

    private static final EventLog LOG = new EventLog(
            new EventLog.Spec("retention_chain", "retention_record", "item_id", "itemId", "retention-log"));

    private RetentionLog() {}

    /**
     * One event of the log about {@code item} (null when it concerns none).
     *
     * @param source what makes it unique (a command id, an item id and its hold time): the same source is one entry
     */
    public static EventLog.Entry entry(
            String tenant, String subject, Kind kind, UUID item, String source, Map<String, Object> detail) {
        return LOG.entry(tenant, subject, kind.name(), item, source, detail);
    }

    /** Appends in the caller's transaction; an entry whose source was logged before is not logged again. */
    public static Uni<Void> append(SqlConnection tx, List<EventLog.Entry> entries) {
        return LOG.append(tx, entries).replaceWithVoid();
    }

    /** Recomputes the tenant's log from its rows; the first break of each broken chain. */
    public static Uni<EventLog.Report> verify(Pool database, String tenant) {
        return LOG.verify(database, tenant);
    }

    /** A detail map that may hold nulls (Map.of may not). */
    public static Map<String, Object> detail(Object... keysAndValues) {
        return EventLog.detail(keysAndValues);
    }
}
