package io.consentmesh.consent.consents.inbound;

import io.consentmesh.consent.consents.keypad.KeypadOptOuts;
import io.consentmesh.consent.consents.verbal.VerbalConsentEvidence;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.call.v1}: what the person said about being contacted, and a key they pressed to stop it,
 * become evidence and state in one transaction (sealed words opened first; what an erased person said is not
 * applied). Other call events (status, recordings, transcripts) are not consent evidence yet and are acknowledged
 * without effect; a malformed event goes to {@code consent.dead-letter.v1}.
 */
@ApplicationScoped
public class CallEventConsumer {

    private final Pool database;
    private final VerbalConsentEvidence verbalConsent;
    private final KeypadOptOuts keypad;
    private final PersonalData personalData;

    CallEventConsumer(
            Pool database, VerbalConsentEvidence verbalConsent, KeypadOptOuts keypad, PersonalData personalData) {
        this.database = database;
        this.verbalConsent = verbalConsent;
        this.keypad = keypad;
        this.personalData = personalData;
    }

    @Incoming("call-events")
    @SuppressWarnings("unchecked")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof KeypadInputReceived) {
                if (event.subject() == null) {
                    // call-ingest names the person once the call's status told it who that is; a key pressed on a
                    // call it never heard of has no one to apply to
                    throw new MalformedEventException("a key press must name the person's subject");
                }
                return database.withTransaction(
                        connection -> keypad.apply(connection, (EventEnvelope<KeypadInputReceived>) event));
            }
            if (!(event.data() instanceof VerbalConsentDetected)) {
                return Uni.createFrom().voidItem();
            }
            if (event.subject() == null) {
                throw new MalformedEventException("verbal consent must name the person's subject");
            }
            PersonalEvents.requireSealed(event);
            return PersonalEvents.openerFor(personalData, List.of(event))
                    .map(opener -> PersonalEvents.open((EventEnvelope<VerbalConsentDetected>) event, opener))
                    .chain(opened -> opened.isPresent()
                            ? database.withTransaction(connection -> verbalConsent.record(connection, opened.get()))
                            : Uni.createFrom().voidItem()); // the person was erased before it was read
        });
    }
}
