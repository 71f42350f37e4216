package io.consentmesh.consent.dsar;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records consent-service holds about a person, for their access or portability copy: each row as stored (the
 * tenant and subject columns left out, being the request's own), personal values still sealed under the person's key.
 * Read in one snapshot, so the categories agree with each other.
 */
@ApplicationScoped
public class HeldRecords {

    /** Category → the query of its rows, oldest first. */
    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put(
                "consent-evidence",
                "SELECT to_jsonb(e) - 'tenant_id' - 'subject_id' FROM evidence e"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at, recorded_at, id");
        CATEGORIES.put(
                "consent-state",
                "SELECT to_jsonb(s) - 'tenant_id' - 'subject_id' FROM consent_state s"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY channel, scope");
        CATEGORIES.put(
                "authorization-decisions",
                "SELECT to_jsonb(d) - 'tenant_id' - 'subject_id' FROM decision d"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY decided_at, id");
        // the call events that named the person, each as received (transcripts among them, sealed as kept)
        CATEGORIES.put(
                "call-events",
                "SELECT jsonb_build_object('event_id', event_id, 'call_id', call_id, 'type', type, 'occurred_at',"
                        + " occurred_at, 'received_at', received_at, 'event', envelope::jsonb) FROM call_event"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at, event_id");
        CATEGORIES.put(
                "call-disclosures",
                "SELECT to_jsonb(c) - 'tenant_id' - 'subject_id' FROM call_disclosure c"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY first_event_at, call_id");
        CATEGORIES.put(
                "callback-requests",
                "SELECT to_jsonb(c) - 'tenant_id' - 'subject_id' FROM callback_request c"
                        + " WHERE tenant_id = $1 AND subject_id = $2");
        CATEGORIES.put(
                "do-not-contact",
                "SELECT to_jsonb(n) - 'tenant_id' - 'subject_id' FROM do_not_contact n"
                        + " WHERE tenant_id = $1 AND subject_id = $2");
        CATEGORIES.put(
                "processing-restrictions",
                "SELECT to_jsonb(r) - 'tenant_id' - 'subject_id' FROM processing_restriction r"
                        + " WHERE tenant_id = $1 AND subject_id = $2");
        CATEGORIES.put(
                "marketing-objections",
                "SELECT to_jsonb(m) - 'tenant_id' - 'subject_id' FROM marketing_objection m"
                        + " WHERE tenant_id = $1 AND subject_id = $2");
    }

    private final Pool database;

    HeldRecords(Pool database) {
        this.database = database;
    }

    /** @return the non-empty categories, in a fixed order */
    public Uni<Map<String, List<Map<String, Object>>>> of(TenantId tenant, SubjectId subject) {
        return database.withTransaction(connection -> connection
                .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .chain(() -> {
                    Map<String, List<Map<String, Object>>> held = new LinkedHashMap<>();
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Map.Entry<String, String> category : CATEGORIES.entrySet()) {
                        all = all.chain(() -> connection
                                .preparedQuery(category.getValue())
                                .execute(Tuple.of(tenant.value(), subject.value()))
                                .invoke(rows -> {
                                    List<Map<String, Object>> records = new ArrayList<>();
                                    for (Row row : rows) {
                                        records.add(asMap(row.getJsonObject(0).encode()));
                                    }
                                    if (!records.isEmpty()) {
                                        held.put(category.getKey(), records);
                                    }
                                })
                                .replaceWithVoid());
                    }
                    return all.replaceWith(held);
                }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String json) {
        try {
            return EventCodec.mapper().readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's to_jsonb is JSON: " + e.getOriginalMessage(), e);
        }
    }
}
