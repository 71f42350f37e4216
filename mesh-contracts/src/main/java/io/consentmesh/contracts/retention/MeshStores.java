package io.consentmesh.contracts.retention;

/**
 * The stores the mesh's own services answer for, and how retention-service addresses their items: part of the
 * deletion-command contract between retention-service (which inventories the items) and the service that holds them.
 */
public final class MeshStores {

    /**
     * consent-service: the data keys of calls, which seal the transcripts that reached the mesh before their call's
     * person was known.
     */
    public static final String CONSENT_SERVICE = "consent-service";

    /** dsar-service: the persons' copies (access and portability bundles) it keeps for them to download. */
    public static final String DSAR_SERVICE = "dsar-service";

    private MeshStores() {}

    /** One person's copy, kept sealed by dsar-service until its period ends. */
    public static String dsarBundle(String tenantId, String bundleId) {
        return "tenants/" + tenantId + "/dsar-bundles/" + bundleId;
    }

    /** The data key of one call: destroying it leaves every transcript sealed under it unreadable. */
    public static String callDataKey(String tenantId, String callId) {
        return "tenants/" + tenantId + "/calls/" + callId + "/data-key";
    }
}
