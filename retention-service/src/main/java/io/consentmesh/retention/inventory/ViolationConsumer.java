package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.consent.RecordingDisclosureViolated;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code consent.violation.v1}: a call recorded without its disclosure has its recordings and transcripts
 * quarantined at once and then deleted (unless a legal hold applies), including those inventoried later.
 */
@ApplicationScoped
public class ViolationConsumer {

    private final Inventory inventory;

    ViolationConsumer(Inventory inventory) {
        this.inventory = inventory;
    }

    @Incoming("violations")
    public Uni<Void> onViolation(String json) {
        return UntilApplied.apply("a disclosure violation", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof RecordingDisclosureViolated violation) {
                return inventory.violation(
                        event.tenantId().value(),
                        violation.callId(),
                        violation.evidenceId(),
                        violation.verdict(),
                        violation.decidedAt());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
