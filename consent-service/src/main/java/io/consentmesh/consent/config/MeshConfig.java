package io.consentmesh.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration under {@code mesh.*}. */
@ConfigMapping(prefix = "mesh")
public interface MeshConfig {

    SubjectKey subjectKey();

    Phone phone();

    interface SubjectKey {
        /** The secret every tenant's pepper is derived from; the same in every service (MESH_SUBJECT_KEY_SECRET). */
        String secret();
    }

    interface Phone {
        /** Region assumed for numbers written without a country code. */
        @WithDefault("US")
        String defaultRegion();
    }
}
