package io.consentmesh.consent.registry;

import java.util.Set;

/** The providers whose brand and campaign objects the registry knows, by the name used in ids and import paths. */
public final class ProviderNames {

    public static final String TWILIO = "twilio";
    public static final String TELNYX = "telnyx";
    public static final Set<String> KNOWN = Set.of(TWILIO, TELNYX);

    private ProviderNames() {}
}
