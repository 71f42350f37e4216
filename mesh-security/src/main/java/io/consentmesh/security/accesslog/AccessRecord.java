package io.consentmesh.security.accesslog;

import io.consentmesh.runtime.chain.ChainHash;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the security audit log: who (principal, kind of credential, roles), for which tenant, which operation,
 * which data subject or resource, when, and the answer's status.
 *
 * @param tenantId the caller's tenant, or the tenant a platform administrator acted on, or "*" for none
 * @param dataSubject the path's ids (pseudonymous subject ids, request or decision ids), never a phone number
 */
public record AccessRecord(
        UUID id,
        String tenantId,
        Instant at,
        String service,
        String principal,
        String credential,
        String roles,
        String operation,
        String dataSubject,
        int outcome) {

    /** The text hashed into the chain; recomputable from the stored row alone. */
    public String canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("tenantId", tenantId);
        fields.put("at", at.toString());
        fields.put("service", service);
        fields.put("principal", principal);
        fields.put("credential", credential);
        fields.put("roles", roles);
        fields.put("operation", operation);
        fields.put("dataSubject", dataSubject);
        fields.put("outcome", outcome);
        return ChainHash.json(fields);
    }
}
