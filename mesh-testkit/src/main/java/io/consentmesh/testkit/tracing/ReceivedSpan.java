package io.consentmesh.testkit.tracing;

import java.util.Map;

/** A span as a collector received it over OTLP. Ids are lower-case hex; {@code parentSpanId} is empty for a root. */
public record ReceivedSpan(
        String service,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        Kind kind,
        Map<String, String> attributes,
        boolean error) {

    /** OTLP's SpanKind, in its wire order. */
    public enum Kind {
        UNSPECIFIED,
        INTERNAL,
        SERVER,
        CLIENT,
        PRODUCER,
        CONSUMER
    }

    /**
     * One JSON object per span, for the local mesh's traces file; written by hand because the collector runs there
     * with the test kit's own classes alone (no Jackson on its class path).
     */
    String toJson() {
        StringBuilder json = new StringBuilder("{");
        field(json, "service", service).append(',');
        field(json, "traceId", traceId).append(',');
        field(json, "spanId", spanId).append(',');
        field(json, "parentSpanId", parentSpanId).append(',');
        field(json, "name", name).append(',');
        field(json, "kind", kind.name()).append(',');
        json.append("\"error\":").append(error).append(",\"attributes\":{");
        boolean first = true;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (!first) {
                json.append(',');
            }
            field(json, attribute.getKey(), attribute.getValue());
            first = false;
        }
        return json.append("}}").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return quoted(quoted(json, name).append(':'), value);
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
