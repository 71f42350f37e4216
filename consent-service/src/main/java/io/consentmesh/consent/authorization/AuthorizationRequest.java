package io.consentmesh.consent.authorization;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;

/**
 * Asks whether the tenant may contact a person now.
 *
 * @param from the tenant's sending number
 * @param to the person's number, in any notation
 */
public record AuthorizationRequest(TenantId tenantId, Channel channel, String from, String to) {

    public AuthorizationRequest {
        Required.value(tenantId, "tenantId");
        Required.value(channel, "channel");
        Required.text(from, "from");
        Required.text(to, "to");
    }
}
