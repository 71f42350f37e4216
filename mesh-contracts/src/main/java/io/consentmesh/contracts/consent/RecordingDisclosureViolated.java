package io.consentmesh.contracts.consent;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/**
 * consent-service judged a call's recording unlawful to keep: it was recorded without a complete disclosure first
 * (or, where the tenant requires it, without explicit consent). Published to {@code consent.violation.v1} so that the
 * recording and its transcripts can be quarantined; the verdict itself is in the consent ledger as evidence.
 *
 * @param verdict RECORDING_BEFORE_DISCLOSURE, NO_DISCLOSURE, DISCLOSURE_INTERRUPTED or RECORDING_WITHOUT_CONSENT
 * @param recordingIds the provider's ids of the call's recordings known so far (may be empty: quarantine by callId)
 * @param jurisdictions the US states the parties' numbers may be in
 * @param allPartyConsentJurisdictions those of them that require every party's consent (REC-02)
 * @param ruleDataVersion the version of the recording-consent data the verdict used
 * @param evidenceId the ledger record of the verdict
 */
public record RecordingDisclosureViolated(
        String callId,
        String verdict,
        List<String> reasons,
        List<String> rules,
        List<String> recordingIds,
        Instant recordingStartedAt,
        Instant disclosureEndedAt,
        List<String> jurisdictions,
        List<String> allPartyConsentJurisdictions,
        String ruleDataVersion,
        String evidenceId,
        Instant decidedAt) {

    public RecordingDisclosureViolated {
        text(callId, "callId");
        text(verdict, "verdict");
        reasons = List.copyOf(value(reasons, "reasons"));
        rules = List.copyOf(value(rules, "rules"));
        recordingIds = List.copyOf(value(recordingIds, "recordingIds"));
        value(recordingStartedAt, "recordingStartedAt");
        jurisdictions = List.copyOf(value(jurisdictions, "jurisdictions"));
        allPartyConsentJurisdictions = List.copyOf(value(allPartyConsentJurisdictions, "allPartyConsentJurisdictions"));
        text(ruleDataVersion, "ruleDataVersion");
        text(evidenceId, "evidenceId");
        value(decidedAt, "decidedAt");
    }
}
