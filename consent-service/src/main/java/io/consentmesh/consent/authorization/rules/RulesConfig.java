package io.consentmesh.consent.authorization.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.rules.*}: how the stored rule sets are kept in memory. */
@ConfigMapping(prefix = "mesh.rules")
public interface RulesConfig {

    /** How often each instance re-reads {@code rule_sets}, so that versions added through another one are seen. */
    @WithDefault("PT30S")
    Duration refreshInterval();
}
