package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.sms.v1} in its own group ({@code retention-service-sms}): the text of each message a person
 * sent, kept by the provider, enters the inventory as MESSAGE_CONTENT (its ids only are read: the text and number stay
 * sealed). A redelivered message finds its item and has no effect.
 */
@ApplicationScoped
public class SmsEventConsumer {

    private final Inventory inventory;

    SmsEventConsumer(Inventory inventory) {
        this.inventory = inventory;
    }

    @Incoming("sms-events")
    public Uni<Void> onSmsEvent(String json) {
        return UntilApplied.apply("an SMS event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof SmsReceived message) {
                return StoredItems.messageContent(event, message)
                        .map(item -> inventory.record(java.util.List.of(item)).replaceWithVoid())
                        .orElseGet(() -> Uni.createFrom().voidItem());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
