package io.consentmesh.ingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.config.CredentialKeysConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key ring as production sets it (environment variables) and the configuration mistakes it refuses. */
class CredentialKeysTest {

    private static final String KEY_A = "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE="; // 32 × 'a'
    private static final String KEY_B = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI="; // 32 × 'b'

    @Test
    void theKeysAreReadFromEnvironmentVariablesAndTheCurrentOneSeals() {
        CredentialKeysConfig config = fromEnvironment(Map.of(
                "MESH_INGEST_CREDENTIAL_KEYS_CURRENT", "k2026b",
                "MESH_INGEST_CREDENTIAL_KEYS_KEYS_K2026A", KEY_A,
                "MESH_INGEST_CREDENTIAL_KEYS_KEYS_K2026B", KEY_B));
        CredentialProtection protection = new CredentialProtection(config);
        UUID id = UUID.randomUUID();

        assertThat(config.keys()).containsOnlyKeys("k2026a", "k2026b");
        String sealed = protection.protect(Provider.TWILIO, "AC1", id, "auth-token");
        assertThat(sealed).startsWith("v1:k2026b:");
        assertThat(protection.usable(Provider.TWILIO, "AC1", id, sealed)).contains("auth-token");
        assertThat(protection.usable(Provider.TWILIO, "AC2", id, sealed)).isEmpty(); // bound to its row
        assertThat(protection.usable(Provider.TWILIO, "AC1", id, "auth-token")).isEmpty(); // plaintext is not used
    }

    @Test
    void withoutTheCurrentKeyOrWithABadKeyTheServiceRefusesToStartNamingNoKeyMaterial() {
        assertThatThrownBy(() -> new CredentialProtection(fromEnvironment(Map.of(
                        "MESH_INGEST_CREDENTIAL_KEYS_CURRENT", "k2", "MESH_INGEST_CREDENTIAL_KEYS_KEYS_K1", KEY_A))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k2")
                .hasMessageNotContaining(KEY_A);
        assertThatThrownBy(() -> new CredentialProtection(fromEnvironment(Map.of(
                        "MESH_INGEST_CREDENTIAL_KEYS_CURRENT", "k1",
                        "MESH_INGEST_CREDENTIAL_KEYS_KEYS_K1", "c2hvcnQ="))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> new CredentialProtection(fromEnvironment(Map.of(
                        "MESH_INGEST_CREDENTIAL_KEYS_CURRENT", "k1",
                        "MESH_INGEST_CREDENTIAL_KEYS_KEYS_K1", "not base64!"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Base64")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new SmallRyeConfigBuilder()
                        .withMapping(CredentialKeysConfig.class)
                        .withSources(new EnvConfigSource(Map.of("MESH_INGEST_CREDENTIAL_KEYS_KEYS_K1", KEY_A), 300))
                        .build())
                .hasMessageContaining("mesh.ingest.credential-keys.current");
    }

    private static CredentialKeysConfig fromEnvironment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder()
                .withMapping(CredentialKeysConfig.class)
                .withSources(new EnvConfigSource(variables, 300))
                .build()
                .getConfigMapping(CredentialKeysConfig.class);
    }
}
