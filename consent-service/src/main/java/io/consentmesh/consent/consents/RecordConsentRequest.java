package io.consentmesh.consent.consents;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Consent the tenant captured, with what G-07 asks to keep: the person, the request as presented (text and version)
 * and its purpose, when, and how — the evidence its {@link ConsentSource} must carry, which
 * {@link ConsentEvidenceRequirements} checks before anything is recorded.
 *
 * @param campaignId the 10DLC campaign the consent is limited to, or null for consent to the whole brand (G-02)
 * @param subjectName the person's name, when the tenant knows it
 * @param expiresAt when the consent lapses, or null when it does not; required for {@link ConsentLevel#IMPLIED}
 * @param ipAddress {@link ConsentSource#WEB_FORM}: the address the form was submitted from
 * @param userAgent {@link ConsentSource#WEB_FORM}: the browser or app that submitted it
 * @param callId {@link ConsentSource#SPOKEN_ON_CALL} and {@link ConsentSource#IVR_KEY}: the call it was given on
 * @param transcriptOffset {@link ConsentSource#SPOKEN_ON_CALL}: milliseconds into the call's transcript
 * @param ivrKey {@link ConsentSource#IVR_KEY}: the key pressed
 * @param messageId {@link ConsentSource#KEYWORD}: the provider's id of the inbound message
 * @param documentRef {@link ConsentSource#PAPER_FORM}: where the signed copy is kept
 * @param externalRef {@link ConsentSource#API_IMPORT}: the record's id in the system it came from
 * @param dsarRequestId {@link ConsentSource#DSAR}: the data-subject request it was given in
 */
public record RecordConsentRequest(
        TenantId tenantId,
        String phoneNumber,
        Channel channel,
        ConsentLevel level,
        ConsentSource source,
        String campaignId,
        // a long legal text is a disclosure; longer than this is not one to read out or show (other fields: 4,096)
        @Schema(maxLength = 20_000) String disclosureText,
        String disclosureVersion,
        String purpose,
        String subjectName,
        Instant capturedAt,
        Instant expiresAt,
        String ipAddress,
        String userAgent,
        String callId,
        Long transcriptOffset,
        String ivrKey,
        String messageId,
        String documentRef,
        String externalRef,
        String dsarRequestId) {

    public RecordConsentRequest {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        Required.value(channel, "channel");
        Required.value(level, "level");
        Required.value(source, "source");
        Required.text(disclosureText, "disclosureText");
        Required.text(disclosureVersion, "disclosureVersion");
        Required.value(capturedAt, "capturedAt");
    }
}
