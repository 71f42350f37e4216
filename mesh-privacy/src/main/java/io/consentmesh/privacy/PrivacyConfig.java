package io.consentmesh.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code mesh.privacy.*}: where the key-encryption keys are and how long unwrapped keys may stay in memory. */
@ConfigMapping(prefix = "mesh.privacy")
public interface PrivacyConfig {

    Keystore keystore();

    Keys keys();

    interface Keystore {
        /** The PKCS#12 file of key-encryption keys (MESH_PRIVACY_KEYSTORE_PATH; in Kubernetes a mounted Secret). */
        Path path();

        /** Its password (MESH_PRIVACY_KEYSTORE_PASSWORD). */
        String password();

        /** Create the file with a first key when it is missing: local runs and tests only. */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface Keys {
        /** At most this many unwrapped keys in memory. */
        @WithDefault("10000")
        int cacheSize();

        /**
         * How long an unwrapped key may stay in memory; also how long another process may still open a subject's data
         * after it was erased.
         */
        @WithDefault("60s")
        Duration cacheTtl();

        /** The role that owns schema mesh_keys (MESH_PRIVACY_KEYS_OWNER_ROLE); migrations run as it. */
        Optional<String> ownerRole();
    }
}
