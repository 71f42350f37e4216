package io.consentmesh.ingest.runtime;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.billing.BankVerificationRecord;
import io.consentmesh.contracts.billing.SubscriptionEndReason;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.VerbalIntent;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the tenant's agent runtime reports, one record per endpoint. Every report names the runtime's own event id
 * (a retry repeats it, so it is applied once) and the person's number (any notation); reports about a call name it.
 */
public final class RuntimeReports {

    private RuntimeReports() {}

    /** What every report carries. */
    public interface Report {
        String eventId();

        String personNumber();
    }

    /** A report about something that happened on a call. */
    public interface CallReport extends Report {
        String callId();
    }

    private static void requireCommon(String eventId, String personNumber) {
        Required.text(eventId, "eventId");
        Required.text(personNumber, "personNumber");
    }

    private static void requireCommon(String eventId, String callId, String personNumber) {
        requireCommon(eventId, personNumber);
        Required.text(callId, "callId");
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
            implements CallReport {
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
            // what the agent heard, a turn of speech at most (other fields: 4,096)
            @Schema(maxLength = 16_000) String utterance,
            Double confidence,
            Instant occurredAt)
            implements CallReport {
        public VerbalConsentReport {
            requireCommon(eventId, callId, personNumber);
            Required.value(transcriptOffsetMillis, "transcriptOffsetMillis");
        }
    }

    public record RecordingStateReport(
            String eventId, String callId, String personNumber, RecordingState state, Instant occurredAt)
            implements CallReport {
        public RecordingStateReport {
            requireCommon(eventId, callId, personNumber);
        }
    }

    public record CallbackRequestReport(
            String eventId, String callId, String personNumber, Instant preferredAt, Instant occurredAt)
            implements CallReport {
        public CallbackRequestReport {
            requireCommon(eventId, callId, personNumber);
        }
    }

    /**
     * A bank account linked or unlinked: the verification provider's record, never the account. Fields the runtime
     * may add (an account number, a mask) are not read, so they are never published.
     */
    public record BankAccountReport(
            String eventId,
            String personNumber,
            String billingAccountId,
            BankVerificationRecord verification,
            Instant occurredAt)
            implements Report {
        public BankAccountReport {
            requireCommon(eventId, personNumber);
        }
    }

    public record SubscriptionEndedReport(
            String eventId,
            String personNumber,
            String billingAccountId,
            String subscriptionId,
            SubscriptionEndReason reason,
            Instant endedAt)
            implements Report {
        public SubscriptionEndedReport {
            requireCommon(eventId, personNumber);
        }
    }
}
