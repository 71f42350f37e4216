package io.consentmesh.consent.disclosure;

import io.consentmesh.consent.disclosure.DisclosureRules.CallFacts;
import io.consentmesh.consent.disclosure.DisclosureRules.Disclosure;
import io.consentmesh.consent.disclosure.DisclosureRules.RecordingChange;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which call events the disclosure verdict depends on, and how a call's stored events become the facts it is judged on.
 * Pure Java.
 */
public final class CallEvents {

    /** A relevant event: its call, and the instant it happened (not when it arrived). */
    public record Relevant(String callId, Instant occurredAt, Instant endedAt) {}

    private static final Set<CallStatus> ENDED = EnumSet.of(
            CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED, CallStatus.CANCELED);

    private CallEvents() {}

    /** @return the event's call and time when the verdict depends on it; empty for other events */
    public static Optional<Relevant> relevant(EventEnvelope<?> event) {
        Object data = event.data();
        if (data instanceof CallStatusChanged status) {
            return Optional.of(new Relevant(
                    status.callId(),
                    status.occurredAt(),
                    ENDED.contains(status.status()) ? status.occurredAt() : null));
        } else if (data instanceof DisclosurePlayed played) {
            return Optional.of(new Relevant(played.callId(), played.startedAt(), null));
        } else if (data instanceof MediaPlaybackStarted started) {
            return Optional.of(new Relevant(started.callId(), started.startedAt(), null));
        } else if (data instanceof MediaPlaybackEnded ended) {
            return Optional.of(new Relevant(ended.callId(), ended.endedAt(), null));
        } else if (data instanceof RecordingStateChanged recording) {
            return Optional.of(new Relevant(recording.callId(), recording.occurredAt(), null));
        } else if (data instanceof RecordingAvailable available) {
            return Optional.of(new Relevant(
                    available.callId(),
                    available.recordingStartedAt() != null ? available.recordingStartedAt() : available.availableAt(),
                    null));
        } else if (data instanceof VerbalConsentDetected verbal) {
            return Optional.of(new Relevant(verbal.callId(), verbal.occurredAt(), null));
        }
        return Optional.empty();
    }

    /** The facts of a call from its events, in any order. */
    public static CallFacts facts(String callId, List<EventEnvelope<?>> events, RecordingPolicy policy) {
        Set<String> parties = new LinkedHashSet<>();
        Instant answered = null;
        Instant ended = null;
        List<Disclosure> disclosures = new ArrayList<>();
        List<RecordingChange> recording = new ArrayList<>();
        List<Instant> recordingStarts = new ArrayList<>();
        Instant consentAt = null;
        List<MediaPlaybackStarted> playbackStarts = new ArrayList<>();
        List<MediaPlaybackEnded> playbackEnds = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            Object data = event.data();
            if (data instanceof CallStatusChanged status) {
                parties.add(status.from());
                parties.add(status.to());
                if (status.status() == CallStatus.ANSWERED) {
                    answered = earliest(answered, status.occurredAt());
                }
                if (ENDED.contains(status.status())) {
                    ended = earliest(ended, status.occurredAt());
                }
            } else if (data instanceof DisclosurePlayed played) {
                disclosures.add(new Disclosure(
                        played.announcementId(),
                        played.announcementVersion(),
                        played.language(),
                        played.startedAt(),
                        played.endedAt(),
                        played.playedToEnd(),
                        "AGENT_RUNTIME"));
            } else if (data instanceof MediaPlaybackStarted started) {
                playbackStarts.add(started);
            } else if (data instanceof MediaPlaybackEnded end) {
                playbackEnds.add(end);
            } else if (data instanceof RecordingStateChanged change) {
                recording.add(new RecordingChange(change.state().name(), change.occurredAt()));
            } else if (data instanceof RecordingAvailable available && available.recordingStartedAt() != null) {
                recordingStarts.add(available.recordingStartedAt());
            } else if (data instanceof VerbalConsentDetected verbal && verbal.intent() == VerbalIntent.OPT_IN) {
                consentAt = earliest(consentAt, verbal.occurredAt());
            }
        }
        disclosures.addAll(providerDisclosures(playbackStarts, playbackEnds, policy));
        return new CallFacts(
                callId,
                List.copyOf(parties),
                answered,
                ended,
                disclosures,
                recording,
                recordingStarts,
                consentAt,
                policy.explicitConsentBeforeRecording());
    }

    /** The recording ids the call's finished recordings reported. */
    public static List<String> recordingIds(List<EventEnvelope<?>> events) {
        return events.stream()
                .map(EventEnvelope::data)
                .filter(RecordingAvailable.class::isInstance)
                .map(data -> ((RecordingAvailable) data).recordingId())
                .distinct()
                .toList();
    }

    /**
     * Provider playbacks of the tenant's announcement media: each end pairs with the latest start of the same media
     * before it; a start that never ended (the caller hung up, the events stopped) is a disclosure cut off.
     */
    private static List<Disclosure> providerDisclosures(
            List<MediaPlaybackStarted> starts, List<MediaPlaybackEnded> ends, RecordingPolicy policy) {
        List<Disclosure> disclosures = new ArrayList<>();
        List<MediaPlaybackStarted> open = new ArrayList<>(starts);
        open.sort(Comparator.comparing(MediaPlaybackStarted::startedAt));
        List<MediaPlaybackEnded> closing = new ArrayList<>(ends);
        closing.sort(Comparator.comparing(MediaPlaybackEnded::endedAt));
        for (MediaPlaybackEnded end : closing) {
            Optional<RecordingPolicy.DisclosureMedia> announcement =
                    announcement(policy, end.media().mediaName());
            if (announcement.isEmpty()) {
                continue;
            }
            MediaPlaybackStarted start = open.stream()
                    .filter(s -> s.media().mediaName() != null
                            && s.media().mediaName().equals(end.media().mediaName())
                            && !s.startedAt().isAfter(end.endedAt()))
                    .reduce((first, second) -> second)
                    .orElse(null);
            if (start != null) {
                open.remove(start);
            }
            disclosures.add(disclosure(
                    announcement.get(),
                    start == null ? end.endedAt() : start.startedAt(),
                    end.endedAt(),
                    end.outcome() == PlaybackOutcome.COMPLETED && start != null,
                    end.provider().name()));
        }
        for (MediaPlaybackStarted start : open) {
            announcement(policy, start.media().mediaName())
                    .ifPresent(a -> disclosures.add(disclosure(
                            a,
                            start.startedAt(),
                            start.startedAt(),
                            false,
                            start.provider().name())));
        }
        return disclosures;
    }

    private static Optional<RecordingPolicy.DisclosureMedia> announcement(RecordingPolicy policy, String mediaName) {
        return policy.disclosureMedia().stream()
                .filter(media -> media.mediaName().equals(mediaName))
                .findFirst();
    }

    private static Disclosure disclosure(
            RecordingPolicy.DisclosureMedia media, Instant start, Instant end, boolean toEnd, String reportedBy) {
        return new Disclosure(
                media.announcementId(), media.announcementVersion(), media.language(), start, end, toEnd, reportedBy);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
