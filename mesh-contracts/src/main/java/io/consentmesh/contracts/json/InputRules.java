package io.consentmesh.contracts.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The mesh's rules for input, in one place, for every JSON reader (the services' request bodies and the events on the
 * topics) and for the values of paths, queries and forms: no NUL or other control character but tab, line feed and
 * carriage return (PostgreSQL cannot store NUL; the others are never meaningful in an identifier or a message and
 * hide text); instants only between {@link #EARLIEST} and {@link #LATEST} (what PostgreSQL and Java both round-trip,
 * and more than any real event needs); duplicate JSON keys refused (which one counts would be the parser's choice);
 * enum values only by name, never by number; and, where the reader is given {@link LengthLimits} (the services'
 * request bodies), no string longer than its field allows.
 */
public final class InputRules {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InputRules() {}

    /** Thrown for a value that breaks a rule; its message names the rule, never the value. */
    public static final class InputRuleException extends JsonMappingException {
        InputRuleException(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    /**
     * The longest string a reader accepts in a field ({@code property} is null for a string that is the whole value):
     * each HTTP API says it per field in its OpenAPI document.
     */
    @FunctionalInterface
    public interface LengthLimits {
        /** No limit but the size of the input: the events' codec (a record's size is the broker's limit). */
        LengthLimits NONE = property -> Integer.MAX_VALUE;

        int maxLength(BeanProperty property);
    }

    /** Applies the rules to a mapper without length limits (the events' codec). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return apply(mapper, LengthLimits.NONE);
    }

    /** Applies the rules to a mapper (the CDI mapper of the services, with their fields' limits). */
    public static ObjectMapper apply(ObjectMapper mapper, LengthLimits limits) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(module(limits));
        return mapper;
    }

    /** The deserializers that check strings and instants, strings without a length limit. */
    public static Module module() {
        return module(LengthLimits.NONE);
    }

    /** The deserializers that check strings (against {@code limits}) and instants. */
    public static Module module(LengthLimits limits) {
        SimpleModule module = new SimpleModule("consent-mesh-input-rules");
        module.addDeserializer(String.class, new CheckedString(limits, limits.maxLength(null)));
        module.addDeserializer(Instant.class, new CheckedInstant());
        return module;
    }

    /** @return why the text breaks a rule, or null */
    public static String violation(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return "is not valid Unicode (a lone surrogate)";
                }
                i++;
            }
        }
        return null;
    }

    /** A name from the input, fit to quote in an error: its letters, digits, dashes and dots, at most 40. */
    public static String safeName(String name) {
        String kept = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "");
        return "'" + (kept.length() > 40 ? kept.substring(0, 40) : kept) + "'";
    }

    /** @return why the instant is outside the range the mesh stores, or null */
    public static String violation(Instant instant) {
        if (instant == null || (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST))) {
            return null;
        }
        return "is outside the years 0001 to 9999";
    }

    /**
     * An instant given as text (a query parameter, say), checked like a JSON one.
     *
     * @throws IllegalArgumentException naming {@code name} and the rule, never the value
     */
    public static Instant instant(String name, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        String why = violation(instant);
        if (why != null) {
            throw new IllegalArgumentException(name + " " + why);
        }
        return instant;
    }

    private static final class CheckedString extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final LengthLimits limits;
        private final int maxLength;

        CheckedString(LengthLimits limits, int maxLength) {
            super(String.class);
            this.limits = limits;
            this.maxLength = maxLength;
        }

        /** The field's own limit (a list's strings have the list's). */
        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            int limit = limits.maxLength(property);
            return limit == maxLength ? this : new CheckedString(limits, limit);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.length() > maxLength) {
                throw new InputRuleException(parser, "the text is longer than " + maxLength + " characters");
            }
            String why = violation(text);
            if (why != null) {
                throw new InputRuleException(parser, "the text " + why);
            }
            return text;
        }
    }

    private static final class CheckedInstant extends StdScalarDeserializer<Instant> {

        CheckedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            String why = violation(instant);
            if (why != null) {
                throw new InputRuleException(parser, "the instant " + why);
            }
            return instant;
        }
    }
}
