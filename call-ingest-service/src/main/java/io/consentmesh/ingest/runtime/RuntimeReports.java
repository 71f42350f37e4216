package io.consentmesh.ingest.runtime;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.VerbalIntent;
import java.time.Instant;

/**
 * What the tenant's agent runtime reports, one record per endpoint. Every report names the runtime's own event id
 * (a retry repeats it, so it is applied once), the call and the person's number (any notation).
 */
public final class RuntimeReports {

    private RuntimeReports() {}

    /** What every report carries. */
    public interface Report {
        String eventId();

        String callId();

        String personNumber();
    }

    private static void requireCommon(String eventId, String callId, String personNumber) {
        Required.text(eventId, "eventId");
        Required.text(callId, "callId");
        Required.text(personNumber, "personNumber");
    }

    public record DisclosurePlayedReport(
            String eventId,
            String callId,
            String personNumber,
            String announcementId,
            String announcementVersion,
            String language,
            Instant startedAt,
            Instant endedAt,
            Boolean playedToEnd)
            implements Report {
        public DisclosurePlayedReport {
            requireCommon(eventId, callId, personNumber);
            Required.value(playedToEnd, "playedToEnd");
        }
    }

    public record VerbalConsentReport(
            String eventId,
            String callId,
            String personNumber,
            VerbalIntent intent,
            Long transcriptOffsetMillis,
            String utterance,
            Double confidence,
            Instant occurredAt)
            implements Report {
        public VerbalConsentReport {
            requireCommon(eventId, callId, personNumber);
            Required.value(transcriptOffsetMillis, "transcriptOffsetMillis");
        }
    }

    public record RecordingStateReport(
            String eventId, String callId, String personNumber, RecordingState state, Instant occurredAt)
            implements Report {
        public RecordingStateReport {
            requireCommon(eventId, callId, personNumber);
        }
    }

    public record CallbackRequestReport(
            String eventId, String callId, String personNumber, Instant preferredAt, Instant occurredAt)
            implements Report {
        public CallbackRequestReport {
            requireCommon(eventId, callId, personNumber);
        }
    }
}
