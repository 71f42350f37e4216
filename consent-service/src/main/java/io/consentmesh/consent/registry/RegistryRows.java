package io.consentmesh.consent.registry;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.registry.RegistryWrites.Change;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What brands and campaigns share, by {@code kind} ({@code brand} or {@code campaign}, which names their tables): the
 * row of one entry, a status change with its history entry, the status history, and the problems a missing entry or a
 * forbidden change answers with.
 */
final class RegistryRows {

    private RegistryRows() {}

    /** The entry's row, or null when there is none. */
    static Uni<Row> row(SqlClient client, String kind, String tenant, String id) {
        return client.preparedQuery("SELECT * FROM tendlc_" + kind + " WHERE tenant_id = $1 AND " + kind + "_id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next());
    }

    /** A brand's or campaign's status change, with its history entry; none when the status is the same. */
    static Uni<Void> changeStatus(
            SqlConnection connection,
            String kind,
            String tenant,
            String id,
            Enum<?> status,
            Change change,
            Predicate<String> allowedFrom) {
        String where = " WHERE tenant_id = $1 AND " + kind + "_id = $2";
        return connection
                .preparedQuery("SELECT status FROM tendlc_" + kind + where + " FOR UPDATE")
                .execute(Tuple.of(tenant, id))
                .chain(rows -> {
                    String before = only(rows, kind + " " + id).getString("status");
                    if (before.equals(status.name())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!allowedFrom.test(before)) {
                        throw transitionConflict(kind, before, status.name());
                    }
                    return connection
                            .preparedQuery("UPDATE tendlc_" + kind + " SET status = $3, updated_at = $4" + where)
                            .execute(Tuple.of(tenant, id, status.name(), utc(change.at())))
                            .chain(() -> history(connection, kind, tenant, id, before, status, change));
                });
    }

    /** Adds a status-history entry: {@code before} (null for a new entry) became {@code status}. */
    static Uni<Void> history(
            SqlConnection connection,
            String kind,
            String tenant,
            String id,
            Object before,
            Enum<?> status,
            Change change) {
        return connection
                .preparedQuery("INSERT INTO tendlc_" + kind + "_status_change (tenant_id, " + kind + "_id,"
                        + " previous_status, status, source, reason, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {
                    tenant,
                    id,
                    before == null ? null : before.toString(),
                    status.name(),
                    change.source(),
                    change.reason(),
                    utc(change.at())
                }))
                .replaceWithVoid();
    }

    static Uni<List<StatusChange>> statusHistory(SqlClient client, String kind, String tenant, String id) {
        return client.preparedQuery("SELECT * FROM tendlc_" + kind + "_status_change WHERE tenant_id = $1 AND " + kind
                        + "_id = $2 ORDER BY changed_at, status")
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    List<StatusChange> history = new ArrayList<>();
                    rows.forEach(row -> history.add(new StatusChange(
                            row.getString("previous_status"),
                            row.getString("status"),
                            row.getString("source"),
                            row.getString("reason"),
                            instant(row.getOffsetDateTime("changed_at")))));
                    return history;
                });
    }

    /** The one row found, or 404 naming what was looked for. */
    static Row only(RowSet<Row> rows, String what) {
        if (rows.rowCount() == 0) {
            throw notFound("no " + what + " for this tenant");
        }
        return rows.iterator().next();
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    static ProblemException transitionConflict(String what, String from, String to) {
        return new ProblemException(Problem.of(
                409,
                "status-transition-conflict",
                "The status change is not allowed",
                "a " + what + " that is " + from + " cannot become " + to + " through the API"));
    }
}
