package io.consentmesh.ingest.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * {@code mesh.ingest.credential-keys.*}: the AES-256 keys that seal provider signing tokens in the database. No
 * default outside the dev and test profiles, so a production instance without them refuses to start.
 */
@ConfigMapping(prefix = "mesh.ingest.credential-keys")
public interface CredentialKeysConfig {

    /** The key id new seals use (MESH_INGEST_CREDENTIAL_KEYS_CURRENT). */
    String current();

    /**
     * Key id → 32 random bytes, Base64 (MESH_INGEST_CREDENTIAL_KEYS_KEYS_&lt;ID&gt;). Ids are lowercase letters and
     * digits, because an environment variable's name cannot carry more. Keep a retired key until every row has
     * been re-sealed under the current one.
     */
    Map<String, String> keys();
}
