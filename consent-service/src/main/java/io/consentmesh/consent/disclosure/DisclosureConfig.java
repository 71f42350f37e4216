package io.consentmesh.consent.disclosure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mesh.consent.disclosure.*}: when calls are judged, and when a call that never ended is flagged. */
@ConfigMapping(prefix = "mesh.consent.disclosure")
public interface DisclosureConfig {

    /** A call with no end event this long after its first event gets the verdict INCOMPLETE. */
    @WithDefault("PT4H")
    Duration incompleteAfter();

    /**
     * How long after its end a call is first judged, so that events still on their way (providers send them
     * concurrently, out of order) are in; an event arriving after the verdict re-judges the call at once.
     */
    @WithDefault("PT30S")
    Duration settle();

    /** How often calls are checked for both. */
    @WithDefault("PT5S")
    Duration sweepInterval();
}
