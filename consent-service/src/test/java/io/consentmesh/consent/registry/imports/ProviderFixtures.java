package io.consentmesh.consent.registry.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The provider objects under src/test/resources/registry/, as their APIs return them. */
public final class ProviderFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderFixtures() {}

    /** A fixture by its path under registry/, e.g. {@code twilio/brand-registration-approved.json}. */
    public static ObjectNode fixture(String path) {
        try (InputStream in = ProviderFixtures.class.getResourceAsStream("/registry/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
