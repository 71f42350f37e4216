package io.consentmesh.consent.consents;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;

/**
 * Consent the tenant captured, with what G-07 asks to keep: the request as presented (text and version), when, and
 * how (IP and user agent, or a call id).
 */
public record RecordConsentRequest(
        TenantId tenantId,
        String phoneNumber,
        Channel channel,
        ConsentLevel level,
        ConsentSource source,
        String disclosureText,
        String disclosureVersion,
        Instant capturedAt,
        String ipAddress,
        String userAgent,
        String callId) {

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
