package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.dsar.clock.Jurisdiction;
import java.time.Instant;

/**
 * A request as the tenant received it from the person.
 *
 * @param jurisdiction whose clock applies; DEFAULT (30 days) when absent
 * @param receivedAt when the person made it (a request that came by post or e-mail is entered later, and its clock
 *     started on receipt); now when absent
 */
public record NewDsarRequest(
        TenantId tenantId, String phoneNumber, DsarRequestType type, Jurisdiction jurisdiction, Instant receivedAt) {

    public NewDsarRequest {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        Required.value(type, "type");
        jurisdiction = jurisdiction == null ? Jurisdiction.DEFAULT : jurisdiction;
    }
}
