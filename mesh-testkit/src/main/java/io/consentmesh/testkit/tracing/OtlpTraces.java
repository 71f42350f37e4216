package io.consentmesh.testkit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP {@code ExportTraceServiceRequest} (protobuf, opentelemetry-proto's trace/v1 and common/v1 messages)
 * into {@link ReceivedSpan}s: the handful of fields a test asks about, by their field numbers, everything else skipped.
 */
final class OtlpTraces {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpTraces() {}

    static List<ReceivedSpan> read(byte[] request) {
        List<ReceivedSpan> spans = new ArrayList<>();
        Reader export = new Reader(request);
        while (export.more()) {
            if (export.tag() == 1) { // resource_spans
                resourceSpans(export.message(), spans);
            } else {
                export.skip();
            }
        }
        return spans;
    }

    private static void resourceSpans(Reader resourceSpans, List<ReceivedSpan> spans) {
        String service = "";
        List<Reader> scopes = new ArrayList<>();
        while (resourceSpans.more()) {
            switch (resourceSpans.tag()) {
                case 1 -> { // resource
                    Reader resource = resourceSpans.message();
                    while (resource.more()) {
                        if (resource.tag() == 1) {
                            Map.Entry<String, String> attribute = keyValue(resource.message());
                            if (attribute.getKey().equals("service.name")) {
                                service = attribute.getValue();
                            }
                        } else {
                            resource.skip();
                        }
                    }
                }
                case 2 -> scopes.add(resourceSpans.message()); // scope_spans
                default -> resourceSpans.skip();
            }
        }
        for (Reader scope : scopes) {
            while (scope.more()) {
                if (scope.tag() == 2) { // spans
                    spans.add(span(service, scope.message()));
                } else {
                    scope.skip();
                }
            }
        }
    }

    private static ReceivedSpan span(String service, Reader span) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        boolean error = false;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (span.more()) {
            switch (span.tag()) {
                case 1 -> traceId = HEX.formatHex(span.bytes());
                case 2 -> spanId = HEX.formatHex(span.bytes());
                case 4 -> parent = HEX.formatHex(span.bytes());
                case 5 -> name = span.string();
                case 6 -> kind = (int) span.varint();
                case 9 -> {
                    Map.Entry<String, String> attribute = keyValue(span.message());
                    attributes.put(attribute.getKey(), attribute.getValue());
                }
                case 15 -> { // status
                    Reader status = span.message();
                    while (status.more()) {
                        if (status.tag() == 3) {
                            error = status.varint() == 2; // STATUS_CODE_ERROR
                        } else {
                            status.skip();
                        }
                    }
                }
                default -> span.skip();
            }
        }
        ReceivedSpan.Kind[] kinds = ReceivedSpan.Kind.values();
        return new ReceivedSpan(
                service,
                traceId,
                spanId,
                parent,
                name,
                kind < kinds.length ? kinds[kind] : ReceivedSpan.Kind.UNSPECIFIED,
                attributes,
                error);
    }

    /** A KeyValue, its AnyValue as text (string, bool, int or double). */
    private static Map.Entry<String, String> keyValue(Reader keyValue) {
        String key = "", value = "";
        while (keyValue.more()) {
            switch (keyValue.tag()) {
                case 1 -> key = keyValue.string();
                case 2 -> {
                    Reader any = keyValue.message();
                    while (any.more()) {
                        switch (any.tag()) {
                            case 1 -> value = any.string();
                            case 2 -> value = String.valueOf(any.varint() != 0);
                            case 3 -> value = String.valueOf(any.varint());
                            case 4 -> value = String.valueOf(Double.longBitsToDouble(any.fixed64()));
                            default -> any.skip();
                        }
                    }
                }
                default -> keyValue.skip();
            }
        }
        return Map.entry(key, value);
    }

    /** Protobuf's wire format, just enough of it. */
    private static final class Reader {
        private final byte[] data;
        private int at;
        private final int end;
        private int wireType;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int from, int end) {
            this.data = data;
            this.at = from;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        int tag() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[at++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (long) (data[at++] & 0xff) << (8 * i);
            }
            return value;
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] value = java.util.Arrays.copyOfRange(data, at, at + length);
            at += length;
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = (int) varint();
            Reader nested = new Reader(data, at, at + length);
            at += length;
            return nested;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> at += 8;
                case 2 -> {
                    int length = (int) varint(); // read first: `at += varint()` would add to the old position
                    at += length;
                }
                case 5 -> at += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }
    }
}
