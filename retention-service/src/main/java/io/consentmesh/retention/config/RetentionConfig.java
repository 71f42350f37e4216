package io.consentmesh.retention.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** {@code mesh.retention.*} */
@ConfigMapping(prefix = "mesh.retention")
public interface RetentionConfig {

    /**
     * The stores a deletion agent answers for (an item in any other store is refused: nothing would ever delete it).
     */
    Set<String> stores();

    /** How often the deletion sweep runs (a Quarkus scheduler interval, e.g. {@code 1s}); read by its @Scheduled. */
    @WithDefault("1s")
    String sweepEvery();

    /** How long after start the first sweep waits. */
    @WithDefault("2s")
    String sweepDelay();

    /** How often the retention gauges are read again. */
    @WithDefault("15s")
    String gaugesEvery();

    /**
     * The Ed25519 private key (a 32-byte seed, base64) that signs disposal certificates; no default outside dev and
     * test (a Secret provides it).
     */
    String signingKey();

    /** How often days that ended are certified (one signed Merkle root per tenant and day). */
    @WithDefault("1h")
    String dailyCertificatesEvery();

    /** How often deletion requests whose items are all deleted (or held) are looked for, to be answered. */
    @WithDefault("PT2S")
    java.time.Duration dsarCheckEvery();

    /** How many due items one sweep commands at most (one transaction). */
    @WithDefault("1000")
    int sweepBatch();

    /** How long a command waits for its receipt before it is sent again (doubling each time, up to maxBackoff). */
    @WithDefault("PT5M")
    Duration receiptTimeout();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long after a failed receipt the command is sent again (doubling per attempt, up to maxBackoff), unless the
     * store asked for longer (Retry-After). */
    @WithDefault("PT10S")
    Duration failureBackoff();

    /** How long past its due date an item may stay undeleted before it is escalated. */
    @WithDefault("PT24H")
    Duration escalateAfter();

    /** How long after a disclosure violation its recordings and transcripts are deleted (after quarantine). */
    @WithDefault("PT0S")
    Duration violationDeletionDelay();
}
