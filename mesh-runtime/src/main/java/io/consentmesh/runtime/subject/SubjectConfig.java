package io.consentmesh.runtime.subject;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mesh.subjects.*}: the same in every service, so every service derives the same subject ids. */
@ConfigMapping(prefix = "mesh.subjects")
public interface SubjectConfig {

    /** The secret every tenant's pepper is derived from (MESH_SUBJECTS_SECRET, from a Kubernetes Secret). */
    String secret();

    /** Region assumed for numbers written without a country code. */
    @WithDefault("US")
    String defaultRegion();
}
