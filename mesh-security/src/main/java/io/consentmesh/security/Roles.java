package io.consentmesh.security;

import java.util.Set;

/** The roles a credential can carry, checked per operation ({@code @RolesAllowed}) and declared in the OpenAPI documents. */
public final class Roles {

    /** Asks for authorizations before a send and reads its own decisions. */
    public static final String SENDER = "sender";
    /** DSAR, legal holds, the revocation review queue, do-not-contact and processing restrictions. */
    public static final String PRIVACY_OPS = "privacy-ops";
    /** Brands, campaigns, sending numbers, keyword lists, recording policies. */
    public static final String REGISTRY_ADMIN = "registry-admin";
    /** Read-only: ledger verification, as-of queries, decision audits, reports, the security audit log. */
    public static final String AUDITOR = "auditor";
    /**
     * Opens a person's data-subject request on their behalf — the tenant's web form, its SMS keyword handler, its agent
     * runtime — and passes on the one-time code the person was texted; reads nothing back.
     */
    public static final String DSAR_INTAKE = "dsar-intake";
    /** Global rule sets, provider accounts, tenants and their API keys; not bound to one tenant. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** The roles a tenant's credential may carry. */
    public static final Set<String> TENANT = Set.of(SENDER, PRIVACY_OPS, REGISTRY_ADMIN, AUDITOR, DSAR_INTAKE);

    public static final Set<String> ALL =
            Set.of(SENDER, PRIVACY_OPS, REGISTRY_ADMIN, AUDITOR, DSAR_INTAKE, PLATFORM_ADMIN);

    private Roles() {}
}
