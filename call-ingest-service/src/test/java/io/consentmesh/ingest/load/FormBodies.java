package io.consentmesh.ingest.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code application/x-www-form-urlencoded} bodies Twilio and Plivo post. */
final class FormBodies {

    private FormBodies() {}

    static String encode(List<Map.Entry<String, String>> params) {
        return params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
