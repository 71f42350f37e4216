package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The recording disclosure was played on a call.
 *
 * @param announcementId which announcement (the tenant's id for the prompt)
 * @param announcementVersion the version of its text, so the exact words can be produced later
 * @param language BCP 47 tag of the played text
 * @param playedToEnd false when the caller hung up or barged in before the announcement ended
 */
public record DisclosurePlayed(
        String callId,
        Provider provider,
        String announcementId,
        String announcementVersion,
        String language,
        Instant startedAt,
        Instant endedAt,
        boolean playedToEnd) {

    public DisclosurePlayed {
        text(callId, "callId");
        value(provider, "provider");
        text(announcementId, "announcementId");
        text(announcementVersion, "announcementVersion");
        text(language, "language");
        value(startedAt, "startedAt");
        value(endedAt, "endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("endedAt is before startedAt");
        }
    }
}
