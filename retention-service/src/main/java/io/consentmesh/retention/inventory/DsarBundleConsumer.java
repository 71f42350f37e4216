package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code dsar.request.v1} (group {@code retention-service-dsar-records}): each person's copy dsar-service
 * makes (a BUNDLE_READY step) enters the inventory as a DSAR_EXPORT item of store {@code dsar-service}, so that it is
 * deleted on its schedule and its disposal certified like any stored item. Every other step is not an item. A step
 * delivered again finds its item and has no effect.
 */
@ApplicationScoped
public class DsarBundleConsumer {

    private final Inventory inventory;

    DsarBundleConsumer(Inventory inventory) {
        this.inventory = inventory;
    }

    @Incoming("dsar-records")
    public Uni<Void> onStep(String json) {
        return UntilApplied.apply("a DSAR record step", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (!(event.data() instanceof DsarRequestRecorded step) || !"BUNDLE_READY".equals(step.kind())) {
                return Uni.createFrom().voidItem();
            }
            Object bundleId = step.detail().get("bundleId");
            if (event.subject() == null || bundleId == null) {
                throw new MalformedEventException("a BUNDLE_READY step must name its person and its bundleId");
            }
            return inventory
                    .record(List.of(StoredItems.dsarBundle(event, bundleId.toString(), step.at())))
                    .replaceWithVoid();
        });
    }
}
