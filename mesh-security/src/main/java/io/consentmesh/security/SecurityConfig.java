package io.consentmesh.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code mesh.security.*}: the same keys in every service. */
@ConfigMapping(prefix = "mesh.security")
public interface SecurityConfig {

    /**
     * Whether this service serves the API-key admin API ({@code /v1/admin/tenants/{tenantId}/api-keys}); read at build
     * time. One service of an installation does (consent-service); every service does in tests.
     */
    @WithDefault("false")
    boolean adminApi();

    Store store();

    ApiKeys apiKeys();

    Oidc oidc();

    interface Store {
        /**
         * A database role that owns the shared security schema; when set, the schema's migrations run as it (SET ROLE),
         * so every service's role, made a member of it, can use the tables whoever migrated them.
         */
        Optional<String> ownerRole();
    }

    interface ApiKeys {
        /** How long a key's row is remembered, and so how late another instance sees a revocation or an expiry. */
        @WithDefault("10s")
        Duration verifiedTtl();

        /**
         * How long a successful PBKDF2 check of a presented secret against an unchanged stored hash is remembered. A
         * secret that matched a hash once always will; revocation, expiry and rotation are seen through the row
         * ({@link #verifiedTtl}), and a new hash voids the memory at once. Without it, every busy client would pay
         * the slow hash again each {@code verified-ttl}, all its requests in flight at once.
         */
        @WithDefault("15m")
        Duration verifiedSecretTtl();

        @WithDefault("10000")
        int verifiedMaxKeys();

        /** PBKDF2 iterations for new secrets; stored hashes carry their own count. */
        @WithDefault("600000")
        int hashIterations();

        /**
         * A platform-admin key ({@code keyId.secret}) created on start when it does not exist yet: the first
         * credential of an installation, from which the tenants and their keys are made (docs/operations.md).
         */
        Optional<String> bootstrapPlatformAdmin();
    }

    interface Oidc {
        /** The claim of a bearer token that names the caller's tenant. */
        @WithDefault("tenant_id")
        String tenantClaim();
    }
}
