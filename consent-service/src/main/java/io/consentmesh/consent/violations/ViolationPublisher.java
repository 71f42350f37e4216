package io.consentmesh.consent.violations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.consent.ContactViolated;
import io.consentmesh.contracts.consent.RecordingDisclosureViolated;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes each violation to {@code consent.violation.v1} from the violation outbox — a call's violating disclosure
 * verdict, a contact its decisions did not allow — built from the finding's ledger record (so the event says exactly
 * what the ledger proves). Keyed by the person's subject; the event id derives from the ledger record, so a repeat
 * after a failed batch has one effect downstream.
 */
@Singleton
public class ViolationPublisher extends OutboxPublisher {

    private static final URI DISCLOSURE = URI.create("/consent-service/disclosure");
    private static final URI CONTACTS = URI.create("/consent-service/contacts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {};
    private static final int BATCH = 200;

    private final MutinyEmitter<String> violations;

    ViolationPublisher(
            Pool database,
            @Channel("violations") MutinyEmitter<String> violations,
            Vertx vertx,
            MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "violation outbox",
                        "SELECT o.seq, e.id, e.kind, e.tenant_id, e.subject_id, e.recorded_at, e.channel, e.content::text AS content"
                                + " FROM violation_outbox o JOIN evidence e ON e.id = o.evidence_id",
                        "violation_outbox",
                        BATCH,
                        Duration.ofMillis(500),
                        "mesh.consent.violations.published",
                        "violations (disclosure, contacts) published to consent.violation.v1"));
        this.violations = violations;
    }

    @Override
    protected Uni<Void> send(Row row) {
        Map<String, Object> content = content(row.getString("content"));
        String evidenceId = row.getUUID("id").toString();
        Instant decidedAt = row.getOffsetDateTime("recorded_at").toInstant();
        String subject = row.getString("subject_id").trim();
        boolean contact = "CONTACT_VIOLATION".equals(row.getString("kind"));
        EventEnvelope<?> event = EventEnvelope.of(
                EventIds.of("consent-service", "violation", evidenceId),
                contact ? CONTACTS : DISCLOSURE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(subject),
                decidedAt,
                contact
                        ? contactViolated(content, row.getString("channel"), evidenceId, decidedAt)
                        : disclosureViolated(content, evidenceId, decidedAt));
        return publish(violations, event, subject);
    }

    @SuppressWarnings("unchecked")
    private static RecordingDisclosureViolated disclosureViolated(
            Map<String, Object> content, String evidenceId, Instant decidedAt) {
        Map<String, Object> disclosure = (Map<String, Object>) content.get("disclosure");
        return new RecordingDisclosureViolated(
                (String) content.get("callId"),
                (String) content.get("verdict"),
                (List<String>) content.get("reasons"),
                (List<String>) content.get("rules"),
                (List<String>) content.get("recordingIds"),
                Instant.parse((String) content.get("recordingStartedAt")),
                disclosure == null ? null : Instant.parse((String) disclosure.get("endedAt")),
                (List<String>) content.get("jurisdictions"),
                (List<String>) content.get("allPartyConsentJurisdictions"),
                (String) content.get("ruleDataVersion"),
                evidenceId,
                decidedAt);
    }

    @SuppressWarnings("unchecked")
    private static ContactViolated contactViolated(
            Map<String, Object> content, String channel, String evidenceId, Instant decidedAt) {
        Object reasons = content.get("decisionReasons");
        return new ContactViolated(
                (String) content.get("violation"),
                channel,
                Provider.valueOf((String) content.get("provider")),
                (String) content.get("reference"),
                (String) content.get("sender"),
                Instant.parse((String) content.get("contactedAt")),
                (String) content.get("decisionId"),
                (String) content.get("decisionOutcome"),
                reasons == null ? List.of() : (List<String>) reasons,
                (String) content.get("statusEventId"),
                evidenceId,
                decidedAt);
    }

    private static Map<String, Object> content(String json) {
        try {
            return JSON.readValue(json, CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException("a verdict's ledger content is not JSON", e);
        }
    }
}
