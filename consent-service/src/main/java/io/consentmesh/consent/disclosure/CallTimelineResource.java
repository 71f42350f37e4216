package io.consentmesh.consent.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The evidence timeline of a call, for an auditor proving that its recording was disclosed: every call event the
 * verdicts were made from, in the order they happened (with when each arrived), and every verdict as its ledger
 * record, with the hashes that place it in the person's chain.
 */
@Path("/v1/audit/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallTimelineResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record TimelineEvent(String eventId, String type, Instant occurredAt, Instant receivedAt, JsonNode data) {}

    public record VerdictRecord(
            String evidenceId, Instant recordedAt, JsonNode content, String prevHash, String hash) {}

    public record CallTimeline(
            String tenantId,
            String callId,
            String subjectId,
            Instant firstEventAt,
            Instant endedAt,
            String verdict,
            Instant incompleteAt,
            List<TimelineEvent> events,
            List<VerdictRecord> verdicts) {}

    public record CallSummary(String callId, String subjectId, Instant firstEventAt, Instant endedAt, String verdict) {}

    private final AgroalDataSource database;

    CallTimelineResource(AgroalDataSource database) {
        this.database = database;
    }

    @GET
    @Path("/{callId}")
    @Operation(summary = "The evidence timeline of a call: its events in order and its verdicts as ledger records")
    public CallTimeline timeline(@PathParam("callId") String callId, @QueryParam("tenantId") String tenantId)
            throws SQLException {
        requireTenant(tenantId);
        try (Connection connection = connection()) {
            CallTimeline header = header(connection, tenantId, callId);
            return new CallTimeline(
                    tenantId,
                    callId,
                    header.subjectId(),
                    header.firstEventAt(),
                    header.endedAt(),
                    header.verdict(),
                    header.incompleteAt(),
                    events(connection, tenantId, callId),
                    verdicts(connection, tenantId, callId));
        }
    }

    @GET
    @Operation(summary = "The tenant's calls with a given verdict (e.g. INCOMPLETE or NO_DISCLOSURE), newest first")
    public List<CallSummary> calls(@QueryParam("tenantId") String tenantId, @QueryParam("verdict") String verdict)
            throws SQLException {
        requireTenant(tenantId);
        try {
            CallVerdict.valueOf(verdict == null ? "" : verdict);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("verdict must be one of " + List.of(CallVerdict.values()));
        }
        List<CallSummary> calls = new ArrayList<>();
        try (Connection connection = connection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT call_id, subject_id, first_event_at, ended_at, verdict FROM call_disclosure"
                                + " WHERE tenant_id = ? AND verdict = ? ORDER BY first_event_at DESC LIMIT 1000")) {
            query.setString(1, tenantId);
            query.setString(2, verdict);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    calls.add(new CallSummary(
                            row.getString("call_id"),
                            trimmed(row.getString("subject_id")),
                            instant(row, "first_event_at"),
                            instant(row, "ended_at"),
                            row.getString("verdict")));
                }
            }
        }
        return calls;
    }

    private static CallTimeline header(Connection connection, String tenantId, String callId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT subject_id, first_event_at, ended_at, verdict, incomplete_at FROM call_disclosure"
                        + " WHERE tenant_id = ? AND call_id = ?")) {
            query.setString(1, tenantId);
            query.setString(2, callId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ProblemException(Problem.of(
                            404, "call-not-found", "No such call", "no event of this call has been received"));
                }
                return new CallTimeline(
                        tenantId,
                        callId,
                        trimmed(row.getString("subject_id")),
                        instant(row, "first_event_at"),
                        instant(row, "ended_at"),
                        row.getString("verdict"),
                        instant(row, "incomplete_at"),
                        List.of(),
                        List.of());
            }
        }
    }

    private static List<TimelineEvent> events(Connection connection, String tenantId, String callId)
            throws SQLException {
        List<TimelineEvent> events = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT event_id, type, occurred_at, received_at, envelope FROM call_event"
                        + " WHERE tenant_id = ? AND call_id = ? ORDER BY occurred_at, event_id")) {
            query.setString(1, tenantId);
            query.setString(2, callId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(new TimelineEvent(
                            row.getString("event_id"),
                            row.getString("type"),
                            instant(row, "occurred_at"),
                            instant(row, "received_at"),
                            json(row.getString("envelope")).get("data")));
                }
            }
        }
        return events;
    }

    private static List<VerdictRecord> verdicts(Connection connection, String tenantId, String callId)
            throws SQLException {
        List<VerdictRecord> verdicts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, recorded_at, content::text AS content, prev_hash, hash FROM evidence"
                        + " WHERE tenant_id = ? AND kind = 'DISCLOSURE_VERDICT' AND content ->> 'callId' = ?"
                        + " ORDER BY recorded_at, id")) {
            query.setString(1, tenantId);
            query.setString(2, callId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    verdicts.add(new VerdictRecord(
                            row.getString("id"),
                            instant(row, "recorded_at"),
                            json(row.getString("content")),
                            trimmed(row.getString("prev_hash")),
                            trimmed(row.getString("hash"))));
                }
            }
        }
        return verdicts;
    }

    private Connection connection() throws SQLException {
        Connection connection = database.getConnection();
        connection.setSchema("consent");
        return connection;
    }

    private static void requireTenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw ProblemException.invalidRequest("tenantId is required");
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored call event is not JSON", e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
