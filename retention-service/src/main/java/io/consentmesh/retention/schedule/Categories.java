package io.consentmesh.retention.schedule;

import io.consentmesh.runtime.http.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A category named in a request: an unknown one is a 400 that lists the known ones. */
public final class Categories {

    private static final String KNOWN =
            Arrays.stream(Category.values()).map(Enum::name).collect(Collectors.joining(", "));

    private Categories() {}

    public static Category parse(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalidRequest("category is required (one of " + KNOWN + ")");
        }
        try {
            return Category.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("unknown category; one of " + KNOWN);
        }
    }
}
