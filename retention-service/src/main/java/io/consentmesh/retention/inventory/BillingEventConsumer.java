package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.retention.config.RetentionConfig;
import io.consentmesh.retention.schedule.Trigger;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code billing.account.v1}: a bank-account verification record enters the inventory when the account is
 * linked, and falls due when it is unlinked (the relationship that justified it ended), so that the deletion agent
 * removes it through the verification provider's removal API. A provider no agent answers for is dead-lettered.
 */
@ApplicationScoped
public class BillingEventConsumer {

    private final Inventory inventory;
    private final Set<String> stores;

    BillingEventConsumer(Inventory inventory, RetentionConfig config) {
        this.inventory = inventory;
        this.stores = config.stores();
    }

    @Incoming("billing-events")
    public Uni<Void> onBillingEvent(String json) {
        return UntilApplied.apply("a billing event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof BankAccountLinked linked) {
                return inventory
                        .record(List.of(known(StoredItems.bankVerification(event, linked))))
                        .replaceWithVoid();
            }
            if (event.data() instanceof BankAccountUnlinked unlinked) {
                String store = known(StoredItems.verificationStore(unlinked.verification()));
                return inventory
                        .triggered(
                                event.tenantId().value(),
                                Trigger.RELATIONSHIP_ENDED,
                                null,
                                store,
                                unlinked.verification().recordId(),
                                unlinked.occurredAt())
                        .replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    private NewItem known(NewItem item) {
        known(item.store());
        return item;
    }

    private String known(String store) {
        if (!stores.contains(store)) {
            throw new MalformedEventException("no deletion agent answers for store " + store
                    + " (mesh.retention.stores): its records could never be removed");
        }
        return store;
    }
}
