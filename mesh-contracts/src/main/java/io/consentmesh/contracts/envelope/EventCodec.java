package io.consentmesh.contracts.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.consentmesh.contracts.json.InputRules;

/**
 * Reads and writes {@link EventEnvelope}s as CloudEvents structured-mode JSON. Readers are tolerant (unknown fields
 * are ignored) so that adding an optional field never breaks a consumer; the JSON Schemas enforce the rest.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    static {
        // after the time module: its Instant reader is replaced by the checked one
        InputRules.apply(MAPPER);
    }

    private EventCodec() {}

    public static String encode(EventEnvelope<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event records always serialise", e);
        }
    }

    /** Decodes any known event type; the payload is the record class registered in {@link EventType}. */
    public static EventEnvelope<?> decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("an event must be a JSON object");
        }
        String type = tree.path("type").asText("");
        EventType eventType = EventType.ofType(type)
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + type + "'"));
        JavaType javaType = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, eventType.payload());
        try {
            return MAPPER.convertValue(tree, javaType);
        } catch (IllegalArgumentException e) {
            Throwable root = e.getCause() == null ? e : e.getCause();
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new MalformedEventException(type + " is invalid: " + root.getMessage(), e);
        }
    }

    /** Decodes an event that must carry the given payload type. */
    @SuppressWarnings("unchecked")
    public static <T> EventEnvelope<T> decode(String json, Class<T> payload) {
        EventEnvelope<?> event = decode(json);
        if (!payload.isInstance(event.data())) {
            throw new MalformedEventException(
                    "expected " + EventType.ofPayload(payload).type() + " but got " + event.type());
        }
        return (EventEnvelope<T>) event;
    }

    /** The shared mapper, for tests and tools that need the same wire format (never mutate it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
