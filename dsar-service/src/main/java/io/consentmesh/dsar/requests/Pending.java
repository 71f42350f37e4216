package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.clock.ClockRules;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.dsar.verification.Assurance;
import io.consentmesh.dsar.verification.RightRules;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * A request as a transition needs it, read and locked in the transition's transaction.
 *
 * @param clockStartedAt null while the clock waits for verification
 */
record Pending(
        UUID id,
        String tenant,
        String subject,
        DsarRequestType type,
        Jurisdiction jurisdiction,
        RequestStatus status,
        String language,
        Assurance assuranceRequired,
        Instant receivedAt,
        Instant clockStartedAt) {

    ClockRule rule() {
        return ClockRules.of(jurisdiction);
    }

    /** The answer's deadline for a clock started at {@code start}: the law's, or the right's own when sooner. */
    Instant answerDue(Instant start) {
        return RightRules.of(type).answerDue(rule(), start);
    }

    /** The tenant's request {@code id}, locked; 404 for an unknown request and another tenant's alike. */
    static Uni<Pending> lock(SqlConnection tx, String tenant, UUID id) {
        return tx.preparedQuery("SELECT id, tenant_id, subject_id, request_type, jurisdiction, status, language,"
                        + " assurance_required, received_at, clock_started_at FROM dsar_request"
                        + " WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, tenant))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw notFound();
                    }
                    Row row = rows.iterator().next();
                    return new Pending(
                            row.getUUID("id"),
                            row.getString("tenant_id"),
                            row.getString("subject_id").trim(),
                            DsarRequestType.valueOf(row.getString("request_type")),
                            Jurisdiction.valueOf(row.getString("jurisdiction")),
                            RequestStatus.valueOf(row.getString("status")),
                            row.getString("language"),
                            Assurance.valueOf(row.getString("assurance_required")),
                            row.getOffsetDateTime("received_at").toInstant(),
                            row.getOffsetDateTime("clock_started_at") == null
                                    ? null
                                    : row.getOffsetDateTime("clock_started_at").toInstant());
                });
    }

    /** 409 unless the request still awaits verification. */
    Pending awaitingVerification() {
        if (status != RequestStatus.AWAITING_VERIFICATION) {
            throw new ProblemException(Problem.of(
                    409,
                    "not-awaiting-verification",
                    "Not awaiting verification",
                    "the request is " + status + ": there is no identity left to verify"));
        }
        return this;
    }

    static ProblemException notFound() {
        return new ProblemException(Problem.of(404, "not-found", "Not found", "no such data-subject request"));
    }
}
