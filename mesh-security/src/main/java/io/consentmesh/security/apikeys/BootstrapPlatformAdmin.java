package io.consentmesh.security.apikeys;

import io.consentmesh.security.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * An installation's first credential: {@code mesh.security.api-keys.bootstrap-platform-admin} (MESH_SECURITY_API_KEYS_
 * BOOTSTRAP_PLATFORM_ADMIN, from a Secret) is stored as a platform-admin key on start, after the schema migration.
 */
@Singleton
class BootstrapPlatformAdmin {

    private final ApiKeys keys;
    private final SecurityConfig config;

    BootstrapPlatformAdmin(ApiKeys keys, SecurityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes @Priority(20) StartupEvent start) {
        config.apiKeys().bootstrapPlatformAdmin().ifPresent(text -> {
            ApiKeyToken token = ApiKeyToken.parse(text.trim())
                    .orElseThrow(() -> new IllegalStateException("mesh.security.api-keys.bootstrap-platform-admin must"
                            + " be mk_<20 hex digits>.<32+ base64url characters>"));
            keys.ensurePlatformAdmin(token).await().atMost(Duration.ofMinutes(1));
        });
    }
}
