package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/** Recording of a call started, paused (e.g. while a card number is read out), resumed or stopped. */
public record RecordingStateChanged(String callId, Provider provider, RecordingState state, Instant occurredAt) {

    public RecordingStateChanged {
        text(callId, "callId");
        value(provider, "provider");
        value(state, "state");
        value(occurredAt, "occurredAt");
    }
}
