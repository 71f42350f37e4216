package io.consentmesh.contracts;

/** Null and blank checks for record constructors, so a payload missing a required field is rejected on decode. */
public final class Required {

    private Required() {}

    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static <T> T value(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
