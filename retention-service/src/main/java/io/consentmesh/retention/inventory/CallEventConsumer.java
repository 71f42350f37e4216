package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.runtime.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.call.v1}: a recording enters the inventory with its due date. Other call events are not
 * this service's concern yet and are acknowledged without effect.
 */
@ApplicationScoped
public class CallEventConsumer {

    private final Inventory inventory;

    CallEventConsumer(Inventory inventory) {
        this.inventory = inventory;
    }

    @Incoming("call-events")
    @SuppressWarnings("unchecked")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof RecordingAvailable) {
                return inventory.recordingAvailable((EventEnvelope<RecordingAvailable>) event);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
