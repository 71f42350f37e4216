package io.consentmesh.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured mode, plus the {@code tenantid} extension. The Kafka record key is the
 * {@link #subject()}; the value is this envelope as JSON ({@code application/cloudevents+json}).
 *
 * @param id deterministic (see {@link EventIds}), so a redelivery carries the same id
 * @param source the producing service and origin, e.g. {@code /call-ingest/twilio/AC123}
 * @param type the versioned event type, e.g. {@code mesh.sms.received.v1}
 * @param subject the pseudonymous subject id the event is about, or null for events about no person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
        @JsonProperty("specversion") String specVersion,
        String id,
        URI source,
        String type,
        Instant time,
        String subject,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("tenantid") TenantId tenantId,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public EventEnvelope {
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("specversion must be 1.0, was " + specVersion);
        }
        requireText(id, "id");
        Objects.requireNonNull(source, "source");
        requireText(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tenantId, "tenantid");
        Objects.requireNonNull(data, "data");
    }

    /** A new envelope for a payload whose type, and so its schema, is known to {@link EventType}. */
    public static <T> EventEnvelope<T> of(
            String id, URI source, TenantId tenant, SubjectId subject, Instant time, T data) {
        EventType type = EventType.ofPayload(data.getClass());
        return new EventEnvelope<>(
                SPEC_VERSION,
                id,
                source,
                type.type(),
                time,
                subject == null ? null : subject.value(),
                DATA_CONTENT_TYPE,
                tenant,
                data);
    }

    /** This event with other data of the given type (same id, source, time, subject and tenant). */
    public <U> EventEnvelope<U> withData(EventType newType, U newData) {
        if (!newType.payload().isInstance(newData)) {
            throw new IllegalArgumentException(
                    newType.type() + " does not carry " + newData.getClass().getSimpleName());
        }
        return new EventEnvelope<>(
                specVersion, id, source, newType.type(), time, subject, dataContentType, tenantId, newData);
    }

    /** The type of this event (decoded events always have a known one). */
    public EventType eventType() {
        return EventType.ofType(type).orElseThrow(() -> new IllegalStateException("unknown event type " + type));
    }

    public SubjectId subjectId() {
        return subject == null ? null : new SubjectId(subject);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
