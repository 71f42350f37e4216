package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.privacy.PersonalKind;
import java.time.Instant;

/**
 * The agent runtime heard the person give or revoke consent on a call ("stop calling me" is a revocation by
 * reasonable means, KW-05/KW-06).
 *
 * @param transcriptOffsetMillis where in the call's transcript the words are, so the evidence can be played back
 * @param utterance the words, redacted like every transcript
 * @param confidence the runtime's confidence in the intent, 0..1, or null
 */
public record VerbalConsentDetected(
        String callId,
        Provider provider,
        VerbalIntent intent,
        long transcriptOffsetMillis,
        @Personal(PersonalKind.TRANSCRIPT) String utterance,
        Double confidence,
        Instant occurredAt) {

    public VerbalConsentDetected {
        text(callId, "callId");
        value(provider, "provider");
        value(intent, "intent");
        if (transcriptOffsetMillis < 0) {
            throw new IllegalArgumentException("transcriptOffsetMillis must not be negative");
        }
        value(utterance, "utterance");
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        value(occurredAt, "occurredAt");
    }
}
