package io.consentmesh.consent.consents.replies;

import io.consentmesh.contracts.consent.ReplyRequested;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Revealed;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
    private final PersonalData personalData;
    private final Counter erasedSkipped;

    ReplyPublisher(
            Pool database,
            @Channel("replies") MutinyEmitter<String> replies,
            PersonalData personalData,
            Vertx vertx,
            MeterRegistry metrics) {
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
        this.personalData = personalData;
        this.erasedSkipped = Counter.builder("mesh.consent.replies.erased")
                .description("Reply commands not sent because their person was erased before they went out")
                .register(metrics);
    }

    /**
     * The command goes out with the number and text in clear: its reader, the tenant's messaging, must text that number
     * (the topic is kept 7 days, docs/privacy.md). They are opened from the sealed row; a person erased before the
     * command went out gets nothing.
     */
    @Override
    protected Uni<Void> send(Row row) {
        String to = row.getString("to_number");
        String body = row.getString("body");
        return personalData.opener(List.of(to, body)).chain(opener -> {
            Revealed number = opener.open("to", to);
            Revealed text = opener.open("body", body);
            if (number.erased() || text.erased()) {
                erasedSkipped.increment();
                return Uni.createFrom().voidItem();
            }
            return send(row, number.text(), text.text());
        });
    }

    private Uni<Void> send(Row row, String to, String body) {
        String id = row.getUUID("id").toString();
        String subject = row.getString("subject_id").trim();
        ReplyRequested reply = new ReplyRequested(
                id,
                row.getString("kind"),
                row.getString("from_number"),
                to,
                body,
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
        // version 1's readers know only help and opt-out confirmations
        return publish(
                replies,
                ReplyKind.valueOf(reply.kind()) == ReplyKind.OPT_IN_CONFIRMATION
                        ? event.withData(EventType.REPLY_REQUESTED_V2, reply)
                        : event,
                subject);
    }
}
