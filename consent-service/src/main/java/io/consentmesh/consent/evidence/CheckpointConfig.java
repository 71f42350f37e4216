package io.consentmesh.consent.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.consent.checkpoint.*}: how the evidence ledger is checkpointed and signed. */
@ConfigMapping(prefix = "mesh.consent.checkpoint")
public interface CheckpointConfig {

    /** The Ed25519 private key (the raw 32-byte seed, base64). From a Secret; its public key is what auditors get. */
    String signingKey();

    /** How often chains that grew are checkpointed. */
    @WithDefault("PT10S")
    Duration interval();

    /** At most this many chain heads per checkpoint, so that a checkpoint event stays well under Kafka's 1 MB. */
    @WithDefault("2000")
    int maxHeads();
}
