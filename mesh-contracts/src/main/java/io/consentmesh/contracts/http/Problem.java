package io.consentmesh.contracts.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of every service ({@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem, e.g. {@code https://consentmesh.io/problems/invalid-request}
 * @param errors the individual field errors, when the problem is a rejected request
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://consentmesh.io/problems/";
    /** The longest detail an error carries: an error never echoes more than a short excerpt of the input. */
    public static final int MAX_DETAIL = 300;

    public Problem {
        detail = excerpt(detail);
        errors = errors == null
                ? List.of()
                : errors.stream().map(Problem::excerpt).toList();
    }

    /** Control characters replaced, cut to {@link #MAX_DETAIL} characters. */
    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("[\\p{Cntrl}&&[^\\n]]", "?");
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL - 1) + "…";
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, List.of());
    }

    public static Problem invalidRequest(String detail) {
        return of(400, "invalid-request", "The request is invalid", detail);
    }
}
