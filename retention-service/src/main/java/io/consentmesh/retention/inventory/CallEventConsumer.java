package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.retention.schedule.Trigger;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.call.v1}: recordings, transcripts and each call's detail record enter the inventory; a
 * call's end starts its detail record's period. Only fields that are never personal are read (sealed fields stay
 * sealed: this service holds no data keys). Other call events are acknowledged without effect.
 */
@ApplicationScoped
public class CallEventConsumer {

    private final Inventory inventory;

    CallEventConsumer(Inventory inventory) {
        this.inventory = inventory;
    }

    @Incoming("call-events")
    public Uni<Void> onCallEvent(String json) {
        return UntilApplied.apply("a call event", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (event.data() instanceof RecordingAvailable recording) {
                return inventory
                        .record(List.of(StoredItems.recording(event, recording)))
                        .replaceWithVoid();
            }
            if (event.data() instanceof TranscriptAvailable transcript) {
                return inventory
                        .record(Stream.concat(
                                        Stream.of(StoredItems.transcript(event, transcript)),
                                        StoredItems.callDataKey(event, transcript).stream())
                                .toList())
                        .replaceWithVoid();
            }
            if (event.data() instanceof CallStatusChanged call) {
                Uni<?> recorded = inventory.record(List.of(StoredItems.callRecord(event, call)));
                if (!StoredItems.ENDED.contains(call.status())) {
                    return recorded.replaceWithVoid();
                }
                // the record may have been inventoried by an earlier state of the call, still waiting for its end
                return recorded.chain(() -> inventory.triggered(
                                event.tenantId().value(),
                                Trigger.CALL_ENDED,
                                call.callId(),
                                null,
                                null,
                                call.occurredAt()))
                        .replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }
}
