package io.consentmesh.consent.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.registry.*}: how the 10DLC registry's sender lookups are cached. */
@ConfigMapping(prefix = "mesh.registry")
public interface RegistryConfig {

    /**
     * How long a cached lookup may live at most. Changes are announced by NOTIFY and forgotten at once; this bounds a
     * stale entry only while the LISTEN connection is down.
     */
    @WithDefault("PT5S")
    Duration cacheTtl();
}
