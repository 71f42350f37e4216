package io.consentmesh.privacy.seal;

import java.util.Map;

/**
 * A personal value as a reader gets it: the text, or erased (its subject's key was destroyed). An erased value is
 * never an error for a reader.
 */
public record Revealed(String text, boolean erased) {

    public static final Revealed ERASED = new Revealed(null, true);

    /** How an erased value appears in JSON answers: an object that cannot be mistaken for the value. */
    public static final Map<String, Object> ERASED_JSON = Map.of("erased", true);

    public static Revealed of(String text) {
        return new Revealed(text, false);
    }

    /** The value for a JSON answer: the text, or {@link #ERASED_JSON}. */
    public Object json() {
        return erased ? ERASED_JSON : text;
    }
}
