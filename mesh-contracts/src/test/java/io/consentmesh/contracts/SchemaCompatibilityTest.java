package io.consentmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.schema.SchemaCompatibility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The baselines under {@code src/test/resources/schema-baseline} are the schemas as last released. A change to a
 * shipped schema that an older reader cannot take fails this test, and so the build. A breaking change needs a new
 * event type version ({@code .v2}) instead; copying the new schema over its baseline is only right for additive
 * changes, which this test already accepts.
 */
class SchemaCompatibilityTest {

    private static final String SMS = EventType.SMS_RECEIVED.schemaResource();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyPayloadSchemaCanStillBeReadByReadersOfItsReleasedBaseline(EventType type) {
        assertCompatibleWithBaseline(type.schemaResource());
    }

    @Test
    void envelopeSchemaCanStillBeReadByReadersOfItsReleasedBaseline() {
        assertCompatibleWithBaseline(EventSchemas.ENVELOPE_RESOURCE);
    }

    @Test
    void addingAnOptionalFieldIsCompatible() {
        ObjectNode changed = current(SMS);
        ((ObjectNode) changed.get("properties")).putObject("carrier").put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(current(SMS), changed)).isEmpty();
    }

    @Test
    void removingARequiredFieldBreaksOlderReaders() {
        ObjectNode changed = current(SMS);
        ((ObjectNode) changed.get("properties")).remove("body");
        ArrayNode required = (ArrayNode) changed.get("required");
        List<JsonNode> kept = new ArrayList<>();
        required.forEach(n -> {
            if (!n.asText().equals("body")) {
                kept.add(n);
            }
        });
        required.removeAll().addAll(kept);

        assertThat(SchemaCompatibility.breakingChanges(current(SMS), changed))
                .containsExactly("$.body: required by older readers but no longer required");
    }

    @Test
    void changingAFieldTypeBreaksOlderReaders() {
        ObjectNode changed = current(SMS);
        ((ObjectNode) changed.get("properties").get("segmentCount")).put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(current(SMS), changed))
                .singleElement()
                .asString()
                .startsWith("$.segmentCount: type widened");
    }

    @Test
    void addingAnEnumValueBreaksOlderReaders() {
        ObjectNode changed = current(SMS);
        ((ArrayNode) changed.get("properties").get("provider").get("enum")).add("VONAGE");

        assertThat(SchemaCompatibility.breakingChanges(current(SMS), changed))
                .containsExactly("$.provider: enum values [VONAGE] are unknown to older readers");
    }

    @Test
    void changingAPatternBreaksOlderReaders() {
        ObjectNode changed = current(SMS);
        ((ObjectNode) changed.get("properties").get("from")).put("pattern", ".*");

        assertThat(SchemaCompatibility.breakingChanges(current(SMS), changed))
                .singleElement()
                .asString()
                .startsWith("$.from: pattern changed");
    }

    private static void assertCompatibleWithBaseline(String resource) {
        String baselineName = resource.substring(resource.lastIndexOf('/') + 1);
        JsonNode baseline = baseline(baselineName);
        assertThat(baseline)
                .as(
                        "no released baseline for %s: copy it to src/test/resources/schema-baseline/ when it ships",
                        baselineName)
                .isNotNull();
        assertThat(SchemaCompatibility.breakingChanges(baseline, EventSchemas.load(resource)))
                .as("changes to %s that break readers of the released schema", resource)
                .isEmpty();
    }

    private static ObjectNode current(String resource) {
        return (ObjectNode) EventSchemas.load(resource).deepCopy();
    }

    private static JsonNode baseline(String name) {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/schema-baseline/" + name)) {
            return in == null
                    ? null
                    : io.consentmesh.contracts.envelope.EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
