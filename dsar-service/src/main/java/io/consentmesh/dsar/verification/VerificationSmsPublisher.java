package io.consentmesh.dsar.verification;

import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Revealed;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the verification texts to {@code dsar.sms-command.v1} for the tenant's messaging: the number and text are
 * sealed in the outbox and opened only here. A text whose person was erased meanwhile, or whose code expired before it
 * could go out, is dropped (there is nothing useful to send).
 */
@Singleton
public class VerificationSmsPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/dsar-service/verification");

    private final MutinyEmitter<String> topic;
    private final PersonalData personalData;

    VerificationSmsPublisher(
            Pool database,
            @Channel("dsar-sms") MutinyEmitter<String> topic,
            PersonalData personalData,
            Vertx vertx,
            MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "DSAR verification text outbox",
                        "SELECT o.seq, o.sms_id, o.request_id, o.tenant_id, o.subject_id, o.to_sealed, o.body_sealed,"
                                + " o.language, o.requested_at, o.not_after FROM dsar_sms_outbox o",
                        "dsar_sms_outbox",
                        100,
                        Duration.ofMillis(200),
                        "mesh.dsar.verification.texts.published",
                        "Verification codes handed to the tenant's messaging on dsar.sms-command.v1"));
        this.topic = topic;
        this.personalData = personalData;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String toSealed = row.getString("to_sealed");
        String bodySealed = row.getString("body_sealed");
        Instant notAfter = row.getOffsetDateTime("not_after").toInstant();
        if (notAfter.isBefore(Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return personalData.opener(List.of(toSealed, bodySealed)).chain(opener -> {
            Revealed to = opener.open(Verifications.TO_FIELD, toSealed);
            Revealed body = opener.open(Verifications.BODY_FIELD, bodySealed);
            if (to.erased() || body.erased()) {
                return Uni.createFrom().voidItem();
            }
            String smsId = row.getUUID("sms_id").toString();
            String subject = row.getString("subject_id").trim();
            EventEnvelope<VerificationSmsRequested> event = EventEnvelope.of(
                    EventIds.of("dsar-service", "verification-sms", smsId),
                    SOURCE,
                    new TenantId(row.getString("tenant_id")),
                    new SubjectId(subject),
                    row.getOffsetDateTime("requested_at").toInstant(),
                    new VerificationSmsRequested(
                            smsId,
                            row.getUUID("request_id").toString(),
                            to.text(),
                            body.text(),
                            row.getString("language"),
                            row.getOffsetDateTime("requested_at").toInstant(),
                            notAfter));
            return publish(topic, event, subject);
        });
    }
}
