package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The provider began playing a prompt on a call: an audio file or text-to-speech. With {@link MediaPlaybackEnded} it
 * says which announcement was played on which call, from when to when, and whether it played to the end, which is what
 * a recording-disclosure verdict checks. Providers neither order nor de-duplicate these callbacks: a start and its end
 * are paired by call and {@link PlayedMedia}, and ordered by their provider times.
 *
 * @param callId the provider's call id (Telnyx {@code call_session_id}), as in {@link CallStatusChanged}
 * @param providerEventId the provider's id of this callback (Telnyx {@code data.id}), for tracing
 * @param startedAt when playback started, by the provider's clock
 */
public record MediaPlaybackStarted(
        String callId,
        Provider provider,
        String providerAccountId,
        PlayedMedia media,
        String providerEventId,
        Instant startedAt) {

    public MediaPlaybackStarted {
        text(callId, "callId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        value(media, "media");
        text(providerEventId, "providerEventId");
        value(startedAt, "startedAt");
    }
}
