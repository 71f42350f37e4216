package io.consentmesh.testkit.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;

/** W3C trace context for tests that play the caller: new ids, and the {@code traceparent} header naming them. */
public final class TraceIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {}

    /** 16 random bytes, lower-case hex. */
    public static String newTraceId() {
        return hex(16);
    }

    /** 8 random bytes, lower-case hex. */
    public static String newSpanId() {
        return hex(8);
    }

    /** A sampled {@code traceparent} for the span of the trace. */
    public static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
