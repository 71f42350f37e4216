package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.dsar.verification.Assurance;
import java.time.Instant;

/**
 * A request as the tenant received it from the person.
 *
 * @param jurisdiction whose clock applies; DEFAULT (30 days) when absent
 * @param receivedAt when the person made it (a request that came by post or e-mail is entered later, and its clock
 *     started on receipt); now when absent
 * @param source who brought it in; PRIVACY_OPS when privacy-ops enters it without saying
 * @param language the language of what the person is sent (en, es); English when absent
 * @param attestation privacy-ops only: the person's identity was checked another way, and how
 * @param authorizedAgent for a request made by someone the person authorized
 */
public record NewDsarRequest(
        TenantId tenantId,
        String phoneNumber,
        DsarRequestType type,
        Jurisdiction jurisdiction,
        Instant receivedAt,
        RequestSource source,
        String language,
        Attestation attestation,
        AuthorizedAgent authorizedAgent) {

    public NewDsarRequest {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        Required.value(type, "type");
        jurisdiction = jurisdiction == null ? Jurisdiction.DEFAULT : jurisdiction;
        if (source == RequestSource.AUTHORIZED_AGENT && authorizedAgent == null) {
            throw new IllegalArgumentException("authorizedAgent is required when the source is AUTHORIZED_AGENT");
        }
        if (authorizedAgent != null && source != RequestSource.AUTHORIZED_AGENT) {
            throw new IllegalArgumentException("authorizedAgent is given only when the source is AUTHORIZED_AGENT");
        }
    }

    /**
     * Privacy-ops' statement that it verified the person's identity by other means.
     *
     * @param evidence what was checked (sealed under the person's key: it may name their documents)
     * @param assurance the degree reached; REASONABLE when absent
     */
    public record Attestation(String evidence, Assurance assurance) {
        public Attestation {
            Required.text(evidence, "attestation.evidence");
            if (evidence.length() > 2000) {
                throw new IllegalArgumentException("attestation.evidence is longer than 2000 characters");
            }
            assurance = assurance == null ? Assurance.REASONABLE : assurance;
        }
    }

    /**
     * Someone the person authorized to make the request (CCPA regulations §7063): the person must still prove control
     * of their number.
     *
     * @param permissionReference where the person's signed permission is kept (a document id)
     */
    public record AuthorizedAgent(String name, String permissionReference, Instant permissionSignedAt) {
        public AuthorizedAgent {
            Required.text(name, "authorizedAgent.name");
            Required.text(permissionReference, "authorizedAgent.permissionReference");
            Required.value(permissionSignedAt, "authorizedAgent.permissionSignedAt");
            if (name.length() > 200 || permissionReference.length() > 200) {
                throw new IllegalArgumentException(
                        "authorizedAgent.name and permissionReference are at most 200" + " characters");
            }
        }
    }
}
