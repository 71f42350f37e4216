package io.consentmesh.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Decides whether events written under a new schema can still be read by a consumer built against an older one.
 * The readers are tolerant (unknown fields ignored), so what breaks them is: a field they require that may now be
 * missing, a field whose type changed, an enum value they have never seen, or a pattern/const they relied on that
 * changed. Adding optional fields, or new required ones, is always safe.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {}

    /** @return why an old reader would break on data written under the new schema; empty when compatible */
    public static List<String> breakingChanges(JsonNode oldSchema, JsonNode newSchema) {
        List<String> problems = new ArrayList<>();
        compare("$", oldSchema, newSchema, problems);
        return problems;
    }

    private static void compare(String path, JsonNode oldNode, JsonNode newNode, List<String> problems) {
        if (newNode == null || newNode.isMissingNode()) {
            return; // the property is no longer described; required-ness is checked by the parent
        }
        Set<String> oldTypes = types(oldNode);
        Set<String> newTypes = types(newNode);
        if (!oldTypes.isEmpty() && !oldTypes.containsAll(newTypes.isEmpty() ? Set.of("any") : newTypes)) {
            problems.add(path + ": type widened from " + oldTypes + " to " + (newTypes.isEmpty() ? "any" : newTypes));
        }
        if (oldNode.has("enum")) {
            Set<String> oldValues = texts(oldNode.get("enum"));
            if (!newNode.has("enum")) {
                problems.add(path + ": enum " + oldValues + " was removed, so unknown values may arrive");
            } else {
                Set<String> added = texts(newNode.get("enum"));
                added.removeAll(oldValues);
                if (!added.isEmpty()) {
                    problems.add(path + ": enum values " + added + " are unknown to older readers");
                }
            }
        }
        for (String keyword : List.of("const", "pattern", "format")) {
            if (oldNode.has(keyword) && !oldNode.get(keyword).equals(newNode.get(keyword))) {
                problems.add(path + ": " + keyword + " changed from " + oldNode.get(keyword) + " to "
                        + newNode.get(keyword));
            }
        }
        Set<String> newRequired = texts(newNode.path("required"));
        for (String field : texts(oldNode.path("required"))) {
            if (!newRequired.contains(field)) {
                problems.add(path + "." + field + ": required by older readers but no longer required");
            }
        }
        JsonNode oldProperties = oldNode.path("properties");
        Iterator<String> names = oldProperties.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            compare(
                    path + "." + name,
                    oldProperties.get(name),
                    newNode.path("properties").path(name),
                    problems);
        }
        if (oldNode.has("items")) {
            compare(path + "[]", oldNode.get("items"), newNode.path("items"), problems);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return new HashSet<>(Set.of(type.asText()));
        }
        return texts(type);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
