package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.dsar.clock.Jurisdiction;

/**
 * A request as the tenant received it from the person.
 *
 * @param jurisdiction whose deadline applies; DEFAULT (30 days) when absent
 */
public record NewDsarRequest(TenantId tenantId, String phoneNumber, DsarRequestType type, Jurisdiction jurisdiction) {

    public NewDsarRequest {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        Required.value(type, "type");
        jurisdiction = jurisdiction == null ? Jurisdiction.DEFAULT : jurisdiction;
    }
}
