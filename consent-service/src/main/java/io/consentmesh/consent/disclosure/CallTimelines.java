package io.consentmesh.consent.disclosure;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evidence timeline of a call, for an auditor proving that its recording was disclosed: every call event the
 * verdicts were made from, in the order they happened (with when each arrived), and every verdict as its ledger
 * record, with the hashes that place it in the person's chain. Read on the reactive client.
 */
@ApplicationScoped
public class CallTimelines {

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

    private final Pool database;
    private final PersonalData personalData;

    CallTimelines(Pool database, PersonalData personalData) {
        this.database = database;
        this.personalData = personalData;
    }

    /** The call's timeline; empty when no event of this call has been received. */
    public Uni<Optional<CallTimeline>> timeline(String tenantId, String callId) {
        return database.withConnection(connection -> connection
                .preparedQuery("SELECT subject_id, first_event_at, ended_at, verdict, incomplete_at"
                        + " FROM call_disclosure WHERE tenant_id = $1 AND call_id = $2")
                .execute(Tuple.of(tenantId, callId))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Optional.<CallTimeline>empty());
                    }
                    Row header = rows.iterator().next();
                    return events(connection, tenantId, callId).chain(events -> verdicts(connection, tenantId, callId)
                            .map(verdicts -> Optional.of(new CallTimeline(
                                    tenantId,
                                    callId,
                                    trimmed(header.getString("subject_id")),
                                    instant(header.getOffsetDateTime("first_event_at")),
                                    instant(header.getOffsetDateTime("ended_at")),
                                    header.getString("verdict"),
                                    instant(header.getOffsetDateTime("incomplete_at")),
                                    events,
                                    verdicts))));
                }));
    }

    /** The tenant's calls with this verdict, newest first, at most 1,000. */
    public Uni<List<CallSummary>> withVerdict(String tenantId, CallVerdict verdict) {
        return database.preparedQuery(
                        "SELECT call_id, subject_id, first_event_at, ended_at, verdict FROM call_disclosure"
                                + " WHERE tenant_id = $1 AND verdict = $2 ORDER BY first_event_at DESC LIMIT 1000")
                .execute(Tuple.of(tenantId, verdict.name()))
                .map(rows -> {
                    List<CallSummary> calls = new ArrayList<>();
                    for (Row row : rows) {
                        calls.add(new CallSummary(
                                row.getString("call_id"),
                                trimmed(row.getString("subject_id")),
                                instant(row.getOffsetDateTime("first_event_at")),
                                instant(row.getOffsetDateTime("ended_at")),
                                row.getString("verdict")));
                    }
                    return calls;
                });
    }

    /** The call's events as received, their personal fields opened for the auditor (an erased person's: "(erased)"). */
    private Uni<List<TimelineEvent>> events(SqlConnection connection, String tenantId, String callId) {
        return connection
                .preparedQuery("SELECT event_id, type, occurred_at, received_at, envelope FROM call_event"
                        + " WHERE tenant_id = $1 AND call_id = $2 ORDER BY occurred_at, event_id")
                .execute(Tuple.of(tenantId, callId))
                .chain(rows -> {
                    List<Row> stored = new ArrayList<>();
                    rows.forEach(stored::add);
                    List<EventEnvelope<?>> decoded = stored.stream()
                            .<EventEnvelope<?>>map(row -> EventCodec.decode(row.getString("envelope")))
                            .toList();
                    return PersonalEvents.openerFor(personalData, decoded).map(opener -> {
                        List<TimelineEvent> events = new ArrayList<>();
                        for (int i = 0; i < stored.size(); i++) {
                            Row row = stored.get(i);
                            events.add(new TimelineEvent(
                                    row.getString("event_id"),
                                    row.getString("type"),
                                    instant(row.getOffsetDateTime("occurred_at")),
                                    instant(row.getOffsetDateTime("received_at")),
                                    EventCodec.mapper()
                                            .valueToTree(PersonalEvents.openKeepingErased(decoded.get(i), opener)
                                                    .data())));
                        }
                        return events;
                    });
                });
    }

    private static Uni<List<VerdictRecord>> verdicts(SqlConnection connection, String tenantId, String callId) {
        return connection
                .preparedQuery("SELECT id, recorded_at, content::text AS content, prev_hash, hash FROM evidence"
                        + " WHERE tenant_id = $1 AND kind = 'DISCLOSURE_VERDICT' AND content ->> 'callId' = $2"
                        + " ORDER BY recorded_at, id")
                .execute(Tuple.of(tenantId, callId))
                .map(rows -> {
                    List<VerdictRecord> verdicts = new ArrayList<>();
                    for (Row row : rows) {
                        verdicts.add(new VerdictRecord(
                                row.getUUID("id").toString(),
                                instant(row.getOffsetDateTime("recorded_at")),
                                json(row.getString("content")),
                                trimmed(row.getString("prev_hash")),
                                trimmed(row.getString("hash"))));
                    }
                    return verdicts;
                });
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a stored call event is not JSON", e);
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
