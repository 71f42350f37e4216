package io.consentmesh.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pseudonymous id of the consumer-side party: hex HMAC-SHA256 of their E.164 number under the tenant's pepper.
 * It is the Kafka key of every event about that person, so their events stay on one partition, in order.
 */
public record SubjectId(String value) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    @JsonCreator
    public SubjectId {
        Objects.requireNonNull(value, "subject id");
        if (!HEX_256.matcher(value).matches()) {
            throw new IllegalArgumentException("subject id must be 64 lower-case hex characters");
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
