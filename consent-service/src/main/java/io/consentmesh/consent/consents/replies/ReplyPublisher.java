package io.consentmesh.consent.consents.replies;

import io.consentmesh.contracts.consent.ReplyRequested;
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
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes queued replies to {@code consent.reply-command.v1} from the reply outbox, keyed by the person's subject.
 * Polls often: an opt-out confirmation has 5 minutes, and the tenant's messaging needs some of them.
 */
@Singleton
public class ReplyPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/consent-service/replies");
    private static final int BATCH = 500;

    private final MutinyEmitter<String> replies;

    ReplyPublisher(
            Pool database, @Channel("replies") MutinyEmitter<String> replies, Vertx vertx, MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "reply outbox",
                        "SELECT o.seq, r.id, r.tenant_id, r.subject_id, r.kind, r.from_number, r.to_number, r.body,"
                                + " r.in_reply_to, r.campaign_id, r.requested_at, r.not_after FROM reply_outbox o"
                                + " JOIN reply_command r ON r.id = o.reply_id",
                        "reply_outbox",
                        BATCH,
                        Duration.ofMillis(200),
                        "mesh.consent.replies.published",
                        "reply commands published to consent.reply-command.v1"));
        this.replies = replies;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String id = row.getUUID("id").toString();
        String subject = row.getString("subject_id").trim();
        ReplyRequested reply = new ReplyRequested(
                id,
                row.getString("kind"),
                row.getString("from_number"),
                row.getString("to_number"),
                row.getString("body"),
                row.getString("in_reply_to"),
                row.getString("campaign_id"),
                row.getOffsetDateTime("requested_at").toInstant(),
                row.getOffsetDateTime("not_after").toInstant());
        EventEnvelope<ReplyRequested> event = EventEnvelope.of(
                EventIds.of("consent-service", "reply", id),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(subject),
                reply.requestedAt(),
                reply);
        return publish(replies, event, subject);
    }
}
