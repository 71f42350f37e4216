package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.json.InputRules;
import io.consentmesh.contracts.subject.PhoneNumbers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body as the provider sent it: every pair in order, repeated names
 * kept (signatures cover all of them, so a framework map that drops duplicates would break verification). A name or
 * value with a NUL or another control character is refused (the mesh's input rules).
 */
public record FormBody(List<Map.Entry<String, String>> pairs) {

    public static FormBody parse(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                String decodedName = decode(name);
                String decodedValue = decode(value);
                String why = InputRules.violation(decodedName + decodedValue);
                if (why != null) {
                    throw new MalformedWebhookException(
                            "form parameter " + InputRules.safeName(decodedName) + " " + why);
                }
                pairs.add(Map.entry(decodedName, decodedValue));
            }
        }
        return new FormBody(List.copyOf(pairs));
    }

    /** The first value of a parameter. */
    public Optional<String> first(String name) {
        return pairs.stream()
                .filter(p -> p.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The first value of a parameter that must be present and non-blank. */
    public String required(String name) {
        return first(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new MalformedWebhookException(name + " is required"));
    }

    /** A required phone-number parameter, normalised to E.164. */
    public String e164(String name, String defaultRegion) {
        try {
            return PhoneNumbers.toE164(required(name), defaultRegion);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw new MalformedWebhookException(name + ": " + e.getMessage());
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException("the form body is not valid URL encoding");
        }
    }
}
