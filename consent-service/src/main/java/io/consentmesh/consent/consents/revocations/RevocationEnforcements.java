package io.consentmesh.consent.consents.revocations;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The revocations received in a period, each with when it was enforced and its KW-07 deadline. */
@ApplicationScoped
public class RevocationEnforcements {

    public record Revocation(
            String evidenceId,
            String subjectId,
            Instant receivedAt,
            Instant enforcedAt,
            Instant deadline,
            long secondsToEnforce,
            boolean withinDeadline) {}

    /** @param slowestSeconds the longest time from receipt to enforcement in the period */
    public record Revocations(
            String tenantId,
            Instant from,
            Instant to,
            long count,
            long beyondDeadline,
            long slowestSeconds,
            List<Revocation> revocations) {}

    private final Pool database;

    RevocationEnforcements(Pool database) {
        this.database = database;
    }

    /** The tenant's revocations received in [from, to), oldest first, at most 10,000. */
    public Uni<Revocations> receivedBetween(String tenantId, Instant from, Instant to) {
        return database.preparedQuery("SELECT evidence_id, subject_id, received_at, enforced_at, deadline"
                        + " FROM consent.revocation_enforcement WHERE tenant_id = $1 AND received_at >= $2"
                        + " AND received_at < $3 ORDER BY received_at LIMIT 10000")
                .execute(Tuple.of(tenantId, utc(from), utc(to)))
                .map(rows -> {
                    List<Revocation> revocations = new ArrayList<>();
                    long beyond = 0;
                    long slowest = 0;
                    for (Row row : rows) {
                        Instant received = row.getOffsetDateTime("received_at").toInstant();
                        Instant enforced = row.getOffsetDateTime("enforced_at").toInstant();
                        Instant deadline = row.getOffsetDateTime("deadline").toInstant();
                        long seconds =
                                Math.max(0, Duration.between(received, enforced).toSeconds());
                        boolean within = !enforced.isAfter(deadline);
                        beyond += within ? 0 : 1;
                        slowest = Math.max(slowest, seconds);
                        revocations.add(new Revocation(
                                row.getUUID("evidence_id").toString(),
                                row.getString("subject_id").trim(),
                                received,
                                enforced,
                                deadline,
                                seconds,
                                within));
                    }
                    return new Revocations(tenantId, from, to, revocations.size(), beyond, slowest, revocations);
                });
    }
}
