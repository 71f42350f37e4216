package io.consentmesh.privacy.seal;

import io.consentmesh.contracts.privacy.PersonalEntries;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The personal entries of a contract's map fields ({@link PersonalEntries}), read once per type. */
public final class PersonalFields {

    private static final Map<String, Set<String>> ENTRIES = new ConcurrentHashMap<>();

    private PersonalFields() {}

    /** The personal entries of {@code type}'s map component {@code component} (empty when none are declared). */
    public static Set<String> entries(Class<? extends Record> type, String component) {
        return ENTRIES.computeIfAbsent(type.getName() + "#" + component, ignored -> {
            RecordComponent found = component(type, component);
            PersonalEntries declared = found.getAnnotation(PersonalEntries.class);
            return declared == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(Arrays.asList(declared.value())));
        });
    }

    private static RecordComponent component(Class<? extends Record> type, String name) {
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " has no component " + name));
    }
}
