package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.value;

/**
 * What played on which leg of a call, as the provider names it; the same on a playback's start and end, so the two
 * can be paired.
 *
 * @param legId the call leg it played on (Telnyx {@code call_leg_id}), else null
 * @param mediaName the name of the stored audio (Telnyx {@code media_name}), else null
 * @param mediaUrl the URL of the audio (Telnyx {@code media_url}), else null
 * @param clientState the tenant's own tag on the play or speak command, exactly as the provider returns it (Telnyx
 *     {@code client_state}, Base64); for speech the only thing that names the announcement; else null
 */
public record PlayedMedia(String legId, PlaybackKind kind, String mediaName, String mediaUrl, String clientState) {

    public PlayedMedia {
        value(kind, "media.kind");
    }
}
