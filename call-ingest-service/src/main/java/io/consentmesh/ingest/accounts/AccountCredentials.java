package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.envelope.TenantId;
import java.util.List;

/** The tenant of a provider account and the signing secrets valid for it now (more than one during rotation). */
public record AccountCredentials(TenantId tenant, List<String> secrets) {}
