package io.consentmesh.consent.revocations;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.runtime.http.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The revocations received in a period, each with when it was enforced and its KW-07 deadline. */
@Path("/v1/revocations")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

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

    private final AgroalDataSource database;

    RevocationResource(AgroalDataSource database) {
        this.database = database;
    }

    @GET
    @Operation(summary = "Revocations received in [from, to): when each was enforced, against 10 business days (KW-07)")
    public Revocations list(
            @QueryParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to)
            throws SQLException {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
        Instant start = instant(from, "from", Instant.EPOCH);
        Instant end = instant(to, "to", Instant.now().plus(Duration.ofDays(1)));
        List<Revocation> revocations = new ArrayList<>();
        long beyond = 0;
        long slowest = 0;
        try (Connection connection = database.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT evidence_id, subject_id, received_at, enforced_at, deadline"
                                + " FROM consent.revocation_enforcement WHERE tenant_id = ? AND received_at >= ?"
                                + " AND received_at < ? ORDER BY received_at LIMIT 10000")) {
            query.setString(1, tenantId);
            query.setTimestamp(2, Timestamp.from(start));
            query.setTimestamp(3, Timestamp.from(end));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Instant received =
                            row.getObject("received_at", OffsetDateTime.class).toInstant();
                    Instant enforced =
                            row.getObject("enforced_at", OffsetDateTime.class).toInstant();
                    Instant deadline =
                            row.getObject("deadline", OffsetDateTime.class).toInstant();
                    long seconds =
                            Math.max(0, Duration.between(received, enforced).toSeconds());
                    boolean within = !enforced.isAfter(deadline);
                    beyond += within ? 0 : 1;
                    slowest = Math.max(slowest, seconds);
                    revocations.add(new Revocation(
                            row.getString("evidence_id"),
                            row.getString("subject_id").trim(),
                            received,
                            enforced,
                            deadline,
                            seconds,
                            within));
                }
            }
        }
        return new Revocations(tenantId, start, end, revocations.size(), beyond, slowest, revocations);
    }

    private static Instant instant(String value, String name, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidRequest(name + " must be an ISO-8601 instant");
        }
    }
}
