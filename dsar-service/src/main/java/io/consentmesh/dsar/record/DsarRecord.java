package io.consentmesh.dsar.record;

import io.consentmesh.runtime.chain.EventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A request's record: every transition — received, joined, code sent, verification failed, verified, extended,
 * confirmed, task issued, answered, completed, denied — appended in the transaction that makes it, to a log
 * hash-chained per person (mesh-runtime's {@link EventLog} over {@code dsar_chain} and {@code dsar_record}), and
 * queued in the same transaction for {@code dsar.request.v1} ({@link DsarRecordPublisher}).
 */
@ApplicationScoped
public class DsarRecord {

    public enum Kind {
        RECEIVED,
        /** The person's open request of the same type was asked for again: joined, not doubled. */
        JOINED,
        VERIFICATION_SENT,
        VERIFICATION_FAILED,
        VERIFIED,
        EXTENDED,
        CONFIRMED,
        TASK_ISSUED,
        ANSWERED,
        COMPLETED,
        DENIED,
        /** The answer falls due within {@code mesh.dsar.at-risk-within} and is not complete. */
        AT_RISK,
        /** The answer's deadline passed and it is not complete. */
        OVERDUE,
        /** The person's copy (access, portability) was assembled, signed and stored sealed. */
        BUNDLE_READY,
        /** A download link to the copy was issued (the token itself is never recorded). */
        BUNDLE_LINK_ISSUED,
        /** The copy was downloaded through a link. */
        BUNDLE_DOWNLOADED,
        /** The copy's content was deleted (its retention ended). */
        BUNDLE_DELETED
    }

    private static final EventLog LOG =
            new EventLog(new EventLog.Spec("dsar_chain", "dsar_record", "request_id", "requestId", "dsar-record"));

    private final Pool database;
    private final DsarRecordPublisher publisher;

    DsarRecord(Pool database, DsarRecordPublisher publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    /**
     * Appends one step of request {@code requestId} in the caller's transaction and queues it for the topic; a step
     * whose source was recorded before is not recorded again.
     *
     * @param source what makes the step unique within its kind (the request id for a one-time step)
     */
    public Uni<Void> append(
            SqlConnection tx,
            String tenant,
            String subject,
            UUID requestId,
            Kind kind,
            String source,
            Map<String, Object> detail) {
        EventLog.Entry entry = LOG.entry(tenant, subject, kind.name(), requestId, source, detail);
        return LOG.append(tx, List.of(entry))
                .chain(appended -> appended.get(0).isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO dsar_record_outbox (record_id) VALUES ($1)")
                                .execute(Tuple.of(entry.id()))
                                .replaceWithVoid());
    }

    /** Publishes what was queued (call after the transaction committed). */
    public void published() {
        publisher.wake();
    }

    /** One recorded step, as the API shows it. */
    public record Step(
            UUID recordId,
            String kind,
            Map<String, Object> detail,
            java.time.Instant at,
            String previousHash,
            String hash) {}

    /** The steps of a tenant's request, in order; empty for an unknown request or another tenant's. */
    public Uni<Optional<List<Step>>> of(String tenant, UUID requestId) {
        return database.preparedQuery("SELECT " + LOG.columns() + " FROM dsar_record WHERE tenant_id = $1"
                        + " AND request_id = $2 ORDER BY seq")
                .execute(Tuple.of(tenant, requestId))
                .map(rows -> {
                    List<Step> steps = new ArrayList<>();
                    for (Row row : rows) {
                        steps.add(step(row));
                    }
                    return steps.isEmpty() ? Optional.<List<Step>>empty() : Optional.of(steps);
                });
    }

    static Step step(Row row) {
        EventLog.Entry entry = LOG.entryOf(row);
        String previous = row.getString("prev_hash");
        return new Step(entry.id(), entry.kind(), entry.detail(), entry.at(), previous, row.getString("hash"));
    }

    /** Recomputes the tenant's record from its rows. */
    public Uni<EventLog.Report> verify(String tenant) {
        return LOG.verify(database, tenant);
    }

    /** The text the chain hashed for a recorded step: what a reader of the topic recomputes. */
    public static String canonical(String tenant, String subject, UUID requestId, Step step) {
        return LOG.canonical(
                new EventLog.Entry(step.recordId(), tenant, subject, step.kind(), requestId, step.detail(), step.at()));
    }

    /** A detail map that may hold nulls. */
    public static Map<String, Object> detail(Object... keysAndValues) {
        return EventLog.detail(keysAndValues);
    }
}
