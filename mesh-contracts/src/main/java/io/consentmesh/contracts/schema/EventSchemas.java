package io.consentmesh.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Validates events against the JSON Schemas shipped in this module (envelope plus the payload of its type). */
public final class EventSchemas {

    public static final String ENVELOPE_RESOURCE = "schemas/envelope.schema.json";

    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** Draft 2020-12, knowing the mesh's own annotation: {@code x-personal} marks a field the contracts seal. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new AnnotationKeyword("x-personal"))
                    .build()));

    private final JsonSchema envelope;
    private final Map<EventType, JsonSchema> payloads = new EnumMap<>(EventType.class);

    public EventSchemas() {
        envelope = FACTORY.getSchema(load(ENVELOPE_RESOURCE), CONFIG);
        for (EventType type : EventType.values()) {
            payloads.put(type, FACTORY.getSchema(load(type.schemaResource()), CONFIG));
        }
    }

    /** @return the schema violations of an encoded event, empty when it is valid */
    public List<String> violations(String eventJson) {
        JsonNode event;
        try {
            event = EventCodec.mapper().readTree(eventJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        envelope.validate(event).stream().map(ValidationMessage::getMessage).forEach(problems::add);
        String type = event.path("type").asText();
        EventType.ofType(type)
                .ifPresentOrElse(
                        t -> payloads.get(t).validate(event.path("data")).stream()
                                .map(m -> "data: " + m.getMessage())
                                .forEach(problems::add),
                        () -> problems.add("unknown event type '" + type + "'"));
        return problems;
    }

    /** Reads a schema (or any JSON resource) from this module's classpath. */
    public static JsonNode load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
