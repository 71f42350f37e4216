package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * A call recording was stored and can be fetched (and must later be deleted) at {@code storageUri}.
 *
 * @param recordingId the provider's recording id (Twilio RecordingSid)
 * @param storageUri where the recording lives, the address a deletion command names
 */
public record RecordingAvailable(
        String callId,
        String recordingId,
        Provider provider,
        String providerAccountId,
        String storageUri,
        Instant recordingStartedAt,
        Integer durationSeconds,
        Integer channels,
        Instant availableAt) {

    public RecordingAvailable {
        text(callId, "callId");
        text(recordingId, "recordingId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        text(storageUri, "storageUri");
        value(availableAt, "availableAt");
        if (durationSeconds != null && durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must not be negative");
        }
    }
}
