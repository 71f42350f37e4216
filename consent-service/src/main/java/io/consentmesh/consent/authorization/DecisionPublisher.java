package io.consentmesh.consent.authorization;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.contracts.consent.AuthorizationDecided;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes every stored decision to {@code consent.decision.v1} from the decision outbox (filled by a trigger in the
 * decision's own transaction). A batch is locked ({@code SKIP LOCKED}, so several instances share the work), published,
 * and deleted only once the broker has acknowledged all of it; if anything fails the transaction rolls back and the
 * batch is published again later. The event id is derived from the decision id, so a repeat has one effect downstream.
 */
@Singleton
public class DecisionPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/consent-service/authorizations");
    static final int BATCH = 500;

    private final Pool database;
    private final MutinyEmitter<String> decisions;

    DecisionPublisher(
            Pool database,
            @Channel("decisions") MutinyEmitter<String> decisions,
            Vertx vertx,
            MeterRegistry metrics,
            @ConfigProperty(name = "mesh.consent.decision-publish-interval", defaultValue = "PT0.2S")
                    Duration interval) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "decision outbox",
                        "SELECT o.seq, d.id, d.tenant_id, d.subject_id, d.channel, d.sender, d.outcome,"
                                + " d.defer_until, d.reasons, d.rule_set_version, d.evidence_ids, d.content_class,"
                                + " d.campaign_id, d.decided_at, d.valid_until FROM decision_outbox o"
                                + " JOIN decision d ON d.id = o.decision_id",
                        "decision_outbox",
                        BATCH,
                        interval,
                        "mesh.consent.decisions.published",
                        "authorization decisions published to consent.decision.v1"));
        this.database = database;
        this.decisions = decisions;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String decisionId = row.getUUID("id").toString();
        String subject = row.getString("subject_id").trim();
        AuthorizationDecided decided = new AuthorizationDecided(
                decisionId,
                row.getString("channel"),
                row.getString("sender"),
                DecisionOutcome.valueOf(row.getString("outcome")),
                instant(row.getOffsetDateTime("defer_until")),
                split(row.getString("reasons")),
                row.getString("rule_set_version"),
                split(row.getString("evidence_ids")),
                row.getString("content_class"),
                row.getString("campaign_id"),
                instant(row.getOffsetDateTime("decided_at")),
                instant(row.getOffsetDateTime("valid_until")));
        EventEnvelope<AuthorizationDecided> event = EventEnvelope.of(
                EventIds.of("consent-service", "decision", decisionId),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(subject),
                decided.decidedAt(),
                decided);
        return publish(decisions, event, subject);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** For tests: the decision ids still waiting in the outbox. */
    Uni<List<UUID>> waiting() {
        return database.query("SELECT decision_id FROM decision_outbox ORDER BY seq")
                .execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("decision_id")));
                    return ids;
                });
    }
}
