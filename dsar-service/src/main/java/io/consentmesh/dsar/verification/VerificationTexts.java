package io.consentmesh.dsar.verification;

import io.consentmesh.runtime.http.ProblemException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts the person receives, from Qute templates per language ({@code templates/verification/code.<lang>.txt}):
 * English and Spanish; another language falls back to English.
 */
@ApplicationScoped
public class VerificationTexts {

    /** The languages a request may ask for. */
    public static final Set<String> LANGUAGES = Set.of("en", "es");

    private final Engine engine;

    VerificationTexts(Engine engine) {
        this.engine = engine;
    }

    /** {@code language} of the request, checked: null means English. */
    public static String language(String requested) {
        if (requested == null || requested.isBlank()) {
            return "en";
        }
        String language = requested.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw ProblemException.invalidRequest("language must be one of " + new TreeSet<>(LANGUAGES));
        }
        return language;
    }

    public String code(String language, String code, Duration validFor) {
        Template template = engine.getTemplate("verification/code." + language(language) + ".txt");
        return template.data("code", code)
                .data("minutes", Math.max(1, validFor.toMinutes()))
                .render()
                .strip();
    }
}
