package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * A prompt stopped playing on a call, to its end or not (see {@link PlaybackOutcome}); paired with its
 * {@link MediaPlaybackStarted} by call and {@link PlayedMedia}.
 *
 * @param providerStatus the provider's own word for how it ended (Telnyx {@code status}, e.g. {@code cancelled_amd}),
 *     kept for tracing and for outcomes this contract does not know; null when the provider gave none
 * @param endedAt when playback ended, by the provider's clock
 */
public record MediaPlaybackEnded(
        String callId,
        Provider provider,
        String providerAccountId,
        PlayedMedia media,
        PlaybackOutcome outcome,
        String providerStatus,
        String providerEventId,
        Instant endedAt) {

    public MediaPlaybackEnded {
        text(callId, "callId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        value(media, "media");
        value(outcome, "outcome");
        text(providerEventId, "providerEventId");
        value(endedAt, "endedAt");
    }
}
