package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.envelope.TenantId;
import java.util.List;

/**
 * A provider account, its tenant and the signing secrets valid for it now (more than one during rotation): the
 * provider's tokens or public keys in clear, or for the agent runtime the hashes of its keys.
 */
public record AccountCredentials(String accountId, TenantId tenant, List<String> secrets) {

    /** A record would print its secrets wherever it is logged. */
    @Override
    public String toString() {
        return "AccountCredentials[accountId=" + accountId + ", tenant=" + tenant + ", secrets=" + secrets.size() + "]";
    }
}
