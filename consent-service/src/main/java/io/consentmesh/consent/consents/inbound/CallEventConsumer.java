package io.consentmesh.consent.consents.inbound;

import io.consentmesh.consent.consents.verbal.VerbalConsentEvidence;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.runtime.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.call.v1}: what the person said about being contacted becomes evidence and state in one
 * transaction. Other call events (status, recordings, transcripts) are not consent evidence yet and are acknowledged
 * without effect; a malformed event goes to {@code consent.dead-letter.v1}.
 */
@ApplicationScoped
public class CallEventConsumer {

    private final Pool database;
    private final VerbalConsentEvidence verbalConsent;

    CallEventConsumer(Pool database, VerbalConsentEvidence verbalConsent) {
        this.database = database;
        this.verbalConsent = verbalConsent;
    }

    @Incoming("call-events")
    @SuppressWarnings("unchecked")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (!(event.data() instanceof VerbalConsentDetected)) {
                return Uni.createFrom().voidItem();
            }
            if (event.subject() == null) {
                throw new MalformedEventException("verbal consent must name the person's subject");
            }
            return database.withTransaction(
                    connection -> verbalConsent.record(connection, (EventEnvelope<VerbalConsentDetected>) event));
        });
    }
}
