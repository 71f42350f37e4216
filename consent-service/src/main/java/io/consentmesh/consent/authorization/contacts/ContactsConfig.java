package io.consentmesh.consent.authorization.contacts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.consent.contacts.*}: how sends are matched to decisions and how long an unused ALLOW holds a contact. */
@ConfigMapping(prefix = "mesh.consent.contacts")
public interface ContactsConfig {

    /**
     * An ALLOW reserves a contact for the frequency caps until a send confirms it; unused, the reservation lapses this
     * long after the ALLOW's validity ends (a send near the end may be reported late).
     */
    @WithDefault("PT30M")
    Duration reservationLapse();

    /** A send that names no decision is matched to the latest made for a send time at most this long before it. */
    @WithDefault("PT24H")
    Duration matchWindow();

    /** After a DEFER's deferUntil, how long a send still counts as made in its window. */
    @WithDefault("PT15M")
    Duration deferWindow();

    /**
     * How much later than the send a provider's status may say it happened (its status time is often when the
     * callback was made): a send reported this much after an ALLOW's validity still counts as made within it.
     */
    @WithDefault("PT5M")
    Duration lateStatusTolerance();
}
