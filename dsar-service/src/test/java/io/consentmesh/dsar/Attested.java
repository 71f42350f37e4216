package io.consentmesh.dsar;

import java.util.HashMap;
import java.util.Map;

/**
 * Request bodies of tests that are not about verification: privacy-ops attests the person's identity at intake, so the
 * request goes to every service at once.
 */
public final class Attested {

    public static final Map<String, Object> ATTESTATION = Map.of(
            "evidence",
            "caller answered the account security questions on a recorded line",
            "assurance",
            "REASONABLY_HIGH");

    private Attested() {}

    /** {@code body} with the attestation added. */
    public static Map<String, Object> request(Map<String, ?> body) {
        Map<String, Object> attested = new HashMap<>(body);
        attested.put("attestation", ATTESTATION);
        return attested;
    }

    public static Map<String, Object> request(String tenant, String phoneNumber, String type) {
        return request(Map.of("tenantId", tenant, "phoneNumber", phoneNumber, "type", type));
    }
}
