package io.consentmesh.consent.disclosure;

import java.util.List;

/**
 * A tenant's recording policy.
 *
 * @param explicitConsentBeforeRecording REC-08 (the EU position): continuing the call is not consent; the person must
 *     agree, as the agent runtime reports it, before the recording starts
 * @param disclosureMedia the provider media (played audio files or spoken texts, by the name the provider reports)
 *     that are the tenant's recording announcements; a playback of any other media is not a disclosure
 */
public record RecordingPolicy(boolean explicitConsentBeforeRecording, List<DisclosureMedia> disclosureMedia) {

    public static final RecordingPolicy DEFAULT = new RecordingPolicy(false, List.of());

    /** One announcement as the provider names it when it plays it. */
    public record DisclosureMedia(
            String mediaName, String announcementId, String announcementVersion, String language) {}

    public RecordingPolicy {
        disclosureMedia = disclosureMedia == null ? List.of() : List.copyOf(disclosureMedia);
    }
}
