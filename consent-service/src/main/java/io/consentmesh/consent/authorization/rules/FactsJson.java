package io.consentmesh.consent.authorization.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** {@link AuthorizationFacts} as the JSON stored with each decision, and back, for the decision audits. */
public final class FactsJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // facts may gain fields; old rows still read
            .build();

    private FactsJson() {}

    public static String write(AuthorizationFacts facts) {
        try {
            return JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("authorization facts are plain values", e);
        }
    }

    public static AuthorizationFacts read(String json) {
        try {
            return JSON.readValue(json, AuthorizationFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored authorization facts are unreadable: " + e.getOriginalMessage());
        }
    }
}
