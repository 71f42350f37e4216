package io.consentmesh.dsar.requests;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** {@code mesh.dsar.*} */
@ConfigMapping(prefix = "mesh.dsar")
public interface DsarConfig {

    /** The services that must answer every task before a request's results are complete. */
    Set<String> responders();

    /** An open request due within this is at risk (a gauge, and an alert). */
    @WithDefault("P7D")
    Duration atRiskWithin();

    /** The law whose clock runs for requests made by SMS keyword (the message says nothing of where the person is). */
    @WithDefault("DEFAULT")
    io.consentmesh.dsar.clock.Jurisdiction smsJurisdiction();

    /** How often the clock gauges are read. */
    @WithDefault("PT30S")
    Duration gaugesEvery();
}
