package io.consentmesh.dsar.requests;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

/** {@code mesh.dsar.*} */
@ConfigMapping(prefix = "mesh.dsar")
public interface DsarConfig {

    /** The services that must answer every task before a request's results are complete. */
    Set<String> responders();
}
