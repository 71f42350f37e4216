package io.consentmesh.runtime.http;

import io.consentmesh.contracts.json.InputRules;
import java.time.Instant;

/** Values of query parameters read under the mesh's input rules, refused with 400 problem+json. */
public final class QueryValues {

    private QueryValues() {}

    /** An instant parameter, or {@code otherwise} when it is absent; one Java or PostgreSQL cannot hold is a 400. */
    public static Instant instant(String name, String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return InputRules.instant(name, text);
        } catch (IllegalArgumentException refused) {
            throw ProblemException.invalidRequest(refused.getMessage());
        }
    }
}
