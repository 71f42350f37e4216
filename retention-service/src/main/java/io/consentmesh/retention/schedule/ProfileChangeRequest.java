package io.consentmesh.retention.schedule;

import io.consentmesh.contracts.Required;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Every category of a tenant set from a shipped profile, and why. */
public record ProfileChangeRequest(String profile, String reason) {

    public ProfileChangeRequest {
        Required.text(profile, "profile");
        if (ScheduleProfile.byId(profile).isEmpty()) {
            throw new IllegalArgumentException("unknown profile; one of "
                    + Arrays.stream(ScheduleProfile.values())
                            .map(ScheduleProfile::id)
                            .collect(Collectors.joining(", ")));
        }
        Required.text(reason, "reason");
        if (reason.length() > 500) {
            throw new IllegalArgumentException("reason must be at most 500 characters");
        }
    }

    public ScheduleProfile parsedProfile() {
        return ScheduleProfile.byId(profile).orElseThrow();
    }
}
