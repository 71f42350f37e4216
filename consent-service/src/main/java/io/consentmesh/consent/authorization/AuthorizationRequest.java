package io.consentmesh.consent.authorization;

import io.consentmesh.consent.authorization.rules.AuthorizationFacts.KnownAddress;
import io.consentmesh.consent.authorization.rules.ContentClass;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;

/**
 * Asks whether the tenant may contact a person.
 *
 * @param from the tenant's sending number
 * @param to the person's number, in any notation
 * @param contentClass what the message or call is for: decides the consent level needed (G-03) and the campaign use
 *     cases that cover it (G-01)
 * @param sendAt when the send is planned, for a scheduler that asks ahead; absent (or past) means now
 * @param knownAddress where the person is known to live, narrowing the time zones the area code allows (TZ-03)
 */
public record AuthorizationRequest(
        TenantId tenantId,
        Channel channel,
        String from,
        String to,
        ContentClass contentClass,
        Instant sendAt,
        KnownAddress knownAddress) {

    public AuthorizationRequest {
        Required.value(tenantId, "tenantId");
        Required.value(channel, "channel");
        Required.text(from, "from");
        Required.text(to, "to");
        Required.value(contentClass, "contentClass");
    }
}
