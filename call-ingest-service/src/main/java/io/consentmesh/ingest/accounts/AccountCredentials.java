package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.envelope.TenantId;
import java.util.List;

/** A provider account, its tenant and the signing secrets valid for it now (more than one during rotation). */
public record AccountCredentials(String accountId, TenantId tenant, List<String> secrets) {}
