package io.consentmesh.dsar.bundle;

import io.consentmesh.privacy.seal.Opener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' records with their sealed values opened for the person's copy. A record is a JSON object as its service
 * stores it, each personal value sealed under the name of the entry that holds it, at any depth (evidence content,
 * an event's payload); a value whose key was destroyed reads {@code {"erased": true}}.
 */
final class OpenedRecords {

    private OpenedRecords() {}

    /** Every text value in the records: the opener fetches the keys of those that are sealed. */
    static List<Object> values(List<BundleFiles.Held> held) {
        List<Object> values = new ArrayList<>();
        held.forEach(category -> category.records().forEach(r -> collect(r, values)));
        return values;
    }

    private static void collect(Object value, List<Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        } else if (value instanceof String) {
            into.add(value);
        }
    }

    /** A record with each sealed value opened under the name of the entry that holds it. */
    static Map<String, Object> open(Map<String, Object> record, Opener opener) {
        Map<String, Object> open = new LinkedHashMap<>();
        record.forEach((field, value) -> open.put(field, openValue(field, value, opener)));
        return open;
    }

    /** A value of entry {@code field}: objects opened entry by entry, lists element by element under the same name. */
    @SuppressWarnings("unchecked")
    private static Object openValue(String field, Object value, Opener opener) {
        if (value instanceof Map<?, ?> nested) {
            return open((Map<String, Object>) nested, opener);
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(element -> openValue(field, element, opener))
                    .toList();
        }
        if (value instanceof String) {
            return opener.open(field, value).json();
        }
        return value;
    }
}
