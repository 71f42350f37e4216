package io.consentmesh.dsar.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.dsar.verification.*}: the one-time codes and their limits. */
@ConfigMapping(prefix = "mesh.dsar.verification")
public interface VerificationConfig {

    /** How long a code may be entered. */
    @WithDefault("PT10M")
    Duration codeValidFor();

    /** Wrong codes allowed per code; then only a new code (a resend) helps. */
    @WithDefault("5")
    int maxAttempts();

    /** Codes sent per request at most (the first and the resends). */
    @WithDefault("3")
    int maxSends();

    /** The least time between two codes of one request. */
    @WithDefault("PT30S")
    Duration resendAfter();

    /** Codes texted to one number per day at most, whichever request asked. */
    @WithDefault("5")
    int sendsPerNumberPerDay();

    /** Codes texted for one tenant per minute at most. */
    @WithDefault("2000")
    int sendsPerTenantPerMinute();
}
