package io.consentmesh.consent.consents.reported;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A revocation that reached the tenant where the mesh does not see it — an e-mail, a web form, a letter, in person or
 * on a call to its staff (KW-05: any reasonable means counts) — reported to be kept as ledger evidence and enforced
 * like a STOP: every channel and campaign of the brand (G-04), within the ten business days of KW-07 from its receipt.
 *
 * @param channel the channel the person asked to stop (SMS or VOICE); the revocation covers every channel regardless
 * @param receivedVia how it reached the tenant
 * @param receivedAt when it did: KW-07's ten business days run from here
 * @param reference where the tenant keeps the original (a ticket or case id), never the message itself
 */
public record ReportedRevocation(
        TenantId tenantId,
        String phoneNumber,
        Channel channel,
        ReceivedVia receivedVia,
        Instant receivedAt,
        @Schema(maxLength = 200) String reference) {

    /** How a revocation the mesh did not see reached the tenant. */
    public enum ReceivedVia {
        EMAIL,
        WEB_FORM,
        POSTAL_MAIL,
        IN_PERSON,
        CALL_TO_STAFF
    }

    public ReportedRevocation {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        Required.value(channel, "channel");
        Required.value(receivedVia, "receivedVia");
        Required.value(receivedAt, "receivedAt");
    }
}
