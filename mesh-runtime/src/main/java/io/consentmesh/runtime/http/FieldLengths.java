package io.consentmesh.runtime.http;

import com.fasterxml.jackson.databind.BeanProperty;
import io.consentmesh.contracts.json.InputRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The longest string each field of a request body takes: the {@code maxLength} of the field's OpenAPI
 * {@code @Schema}, or {@link #DEFAULT} — so the limit a client reads in the OpenAPI document
 * ({@link DocumentedLengths}) is the one enforced, from one annotation. A longer value is a 400 naming the field and
 * its limit, never echoing the value.
 */
public final class FieldLengths implements InputRules.LengthLimits {

    /**
     * A field's limit when it names none: more than any identifier, number, name, address or text message (1,600
     * characters at most) the mesh stores, far less than what broke a database index or the broker (issue 20).
     */
    public static final int DEFAULT = 4096;

    @Override
    public int maxLength(BeanProperty property) {
        Schema schema = property == null ? null : property.getAnnotation(Schema.class);
        if (schema == null || schema.maxLength() == Integer.MAX_VALUE) {
            return DEFAULT;
        }
        return schema.maxLength();
    }
}
