package io.consentmesh.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A tenant (the business customer, the "brand" in 10DLC terms). Lower-case slug so it is safe in keys and paths. */
public record TenantId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @JsonCreator
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id must be a lower-case slug of 1-63 characters: " + value);
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
