package io.consentmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractsTest {

    private static final EventSchemas SCHEMAS = new EventSchemas();
    private static final TenantId TENANT = new TenantId("acme");
    private static final SubjectKeys KEYS = SubjectKeys.fromSecret("0123456789abcdef0123456789abcdef-test-only");

    private static EventEnvelope<Object> envelopeOf(Object payload) {
        return EventEnvelope.of(
                EventIds.of("test", payload.getClass().getSimpleName()),
                URI.create("/test/contracts"),
                TENANT,
                KEYS.subjectOf(TENANT, "+14155550100"),
                SamplePayloads.T0,
                payload);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsThroughJsonAndValidatesAgainstItsSchema(EventType type) {
        EventEnvelope<Object> event = envelopeOf(SamplePayloads.of(type)).withData(type, SamplePayloads.of(type));

        String json = EventCodec.encode(event);

        assertThat(SCHEMAS.violations(json)).as("schema violations of %s", type).isEmpty();
        assertThat(EventCodec.decode(json)).isEqualTo(event);
        assertThat(EventCodec.decode(json, type.payload()).data()).isEqualTo(event.data());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDescribesExactlyTheFieldsOfThePayloadRecord(EventType type) {
        JsonNode schema = EventSchemas.load(type.schemaResource());
        Set<String> schemaFields = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(schemaFields::add);

        Set<String> recordFields = Arrays.stream(type.payload().getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet());

        assertThat(schemaFields).isEqualTo(recordFields);
    }

    /** The annotation declares what is personal; the schema says the same to readers in other languages. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaMarksExactlyTheFieldsTheContractDeclaresPersonal(EventType type) {
        JsonNode properties = EventSchemas.load(type.schemaResource()).path("properties");
        Map<String, String> declared = Arrays.stream(type.payload().getRecordComponents())
                .filter(c -> c.isAnnotationPresent(Personal.class))
                .collect(Collectors.toMap(
                        RecordComponent::getName,
                        c -> c.getAnnotation(Personal.class).value().name()));
        Map<String, String> marked = new HashMap<>();
        properties.fields().forEachRemaining(field -> {
            if (field.getValue().has("x-personal")) {
                marked.put(field.getKey(), field.getValue().path("x-personal").asText());
            }
        });

        if (type.sealed()) {
            assertThat(marked).isEqualTo(declared);
            declared.keySet().forEach(field -> assertThat(
                            properties.path(field).path("pattern").asText())
                    .as("%s.%s only ever holds a sealed value", type, field)
                    .startsWith("^pv1\\."));
        } else {
            assertThat(marked).isEmpty(); // version 1 carries them in clear, and is replaced where they exist
            if (!declared.isEmpty() && type.topic().startsWith("telephony.")) {
                assertThat(type.sealedVersion())
                        .as("%s has a sealed version", type)
                        .isPresent();
            }
        }
    }

    @Test
    void aRightVersionOneCannotCarryNeedsVersionTwoOfTheTaskEvent() {
        Object optOut = SamplePayloads.of(EventType.DSAR_TASK_ISSUED_V2);
        EventEnvelope<Object> asVersionOne = envelopeOf(optOut);

        assertThat(asVersionOne.type()).isEqualTo("mesh.dsar.task-issued.v1");
        assertThat(SCHEMAS.violations(EventCodec.encode(asVersionOne)))
                .as("version 1 readers know four rights: an opt-out task is refused by its schema")
                .anySatisfy(v -> assertThat(v).contains("requestType"));
        assertThat(SCHEMAS.violations(EventCodec.encode(asVersionOne.withData(EventType.DSAR_TASK_ISSUED_V2, optOut))))
                .isEmpty();
        assertThat(io.consentmesh.contracts.dsar.DsarRequestType.FIRST_VERSION)
                .as("version 1's enum, exactly")
                .hasSize(4);
    }

    @Test
    void aSealedVersionIsNeverTheTypeOfAPayloadInClear() {
        SmsReceived clear = (SmsReceived) SamplePayloads.of(EventType.SMS_RECEIVED);
        EventEnvelope<Object> event = envelopeOf(clear);

        assertThat(event.type()).isEqualTo("mesh.sms.received.v1");
        assertThat(EventType.SMS_RECEIVED.sealedVersion()).contains(EventType.SMS_RECEIVED_SEALED);
        assertThat(event.withData(EventType.SMS_RECEIVED_SEALED, clear).type()).isEqualTo("mesh.sms.received.v2");
        assertThat(SCHEMAS.violations(EventCodec.encode(event.withData(EventType.SMS_RECEIVED_SEALED, clear))))
                .as("a v2 event with a number in clear is refused by its schema")
                .anySatisfy(v -> assertThat(v).contains("from"));
        assertThatThrownBy(() -> event.withData(EventType.CALL_STATUS_CHANGED_SEALED, clear))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeCarriesCloudEventsAttributesAndTenant() throws Exception {
        JsonNode json =
                EventCodec.mapper().readTree(EventCodec.encode(envelopeOf(SamplePayloads.of(EventType.SMS_RECEIVED))));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("mesh.sms.received.v1");
        assertThat(json.path("tenantid").asText()).isEqualTo("acme");
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.path("time").asText()).isEqualTo("2026-11-20T15:04:05.123Z");
        assertThat(json.path("subject").asText()).hasSize(64);
    }

    @Test
    void readerIgnoresFieldsAddedByNewerWriters() throws Exception {
        ObjectNode json = (ObjectNode)
                EventCodec.mapper().readTree(EventCodec.encode(envelopeOf(SamplePayloads.of(EventType.SMS_RECEIVED))));
        ((ObjectNode) json.get("data")).put("carrierName", "Example Wireless");
        json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        EventEnvelope<SmsReceived> decoded = EventCodec.decode(json.toString(), SmsReceived.class);

        assertThat(decoded.data().body()).isEqualTo("STOP");
    }

    @Test
    void decodeRejectsWhatCanNeverBeApplied() {
        String valid = EventCodec.encode(envelopeOf(SamplePayloads.of(EventType.SMS_RECEIVED)));

        assertThatThrownBy(() -> EventCodec.decode("{not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> EventCodec.decode(valid.replace("mesh.sms.received.v1", "mesh.sms.unknown.v9")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventCodec.decode(valid.replace("\"messageId\"", "\"renamed\"")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("messageId is required");
        assertThatThrownBy(() -> EventCodec.decode(valid.replace("\"tenantid\":\"acme\"", "\"tenantid\":\"ACME!\"")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("tenant id");
        assertThatThrownBy(() -> EventCodec.decode(valid, io.consentmesh.contracts.dsar.DsarTaskIssued.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected mesh.dsar.task-issued.v1");
    }

    @Test
    void schemaRejectsNumbersThatAreNotE164() {
        String json = EventCodec.encode(envelopeOf(SamplePayloads.of(EventType.SMS_RECEIVED)))
                .replace("\"+14155550100\"", "\"(415) 555-0100\"");

        assertThat(SCHEMAS.violations(json))
                .anySatisfy(v -> assertThat(v).startsWith("data: ").contains("from"));
    }
}
