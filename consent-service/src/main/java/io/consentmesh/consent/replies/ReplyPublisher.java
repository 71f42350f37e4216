package io.consentmesh.consent.replies;

import io.consentmesh.consent.outbox.OutboxRelay;
import io.consentmesh.contracts.consent.ReplyRequested;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes queued replies to {@code consent.reply-command.v1} from the reply outbox, keyed by the person's subject.
 * Polls often: an opt-out confirmation has 5 minutes, and the tenant's messaging needs some of them.
 */
@ApplicationScoped
public class ReplyPublisher {

    private static final URI SOURCE = URI.create("/consent-service/replies");
    private static final int BATCH = 500;

    private final MutinyEmitter<String> replies;
    private final OutboxRelay relay;

    ReplyPublisher(
            Pool database, @Channel("replies") MutinyEmitter<String> replies, Vertx vertx, MeterRegistry metrics) {
        this.replies = replies;
        this.relay = new OutboxRelay(
                database,
                vertx,
                new OutboxRelay.Spec(
                        "reply outbox",
                        "SELECT o.seq, r.id, r.tenant_id, r.subject_id, r.kind, r.from_number, r.to_number, r.body,"
                                + " r.in_reply_to, r.campaign_id, r.requested_at, r.not_after FROM reply_outbox o"
                                + " JOIN reply_command r ON r.id = o.reply_id"
                                + " ORDER BY o.seq LIMIT " + BATCH + " FOR UPDATE OF o SKIP LOCKED",
                        "DELETE FROM reply_outbox WHERE seq = ANY($1)",
                        BATCH,
                        Duration.ofMillis(200),
                        this::send,
                        Counter.builder("mesh.consent.replies.published")
                                .description("reply commands published to consent.reply-command.v1")
                                .register(metrics)));
    }

    void start(@Observes StartupEvent started) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        relay.stop();
    }

    private Uni<Void> send(Row row) {
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
        return replies.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(subject)
                        .build()));
    }
}
