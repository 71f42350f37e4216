package io.consentmesh.retention.schedule;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

/** {@code mesh.retention.*} */
@ConfigMapping(prefix = "mesh.retention")
public interface RetentionConfig {

    /** How long each category is kept, e.g. {@code mesh.retention.periods.recording=P90D}. */
    Map<String, Duration> periods();
}
