package io.consentmesh.ingest.twilio;

import static io.restassured.RestAssured.given;

import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Twilio account registered with the service under test (once per test JVM, through the admin API) with two valid
 * auth tokens, as during a rotation; and a client that posts form webhooks signed the way Twilio signs them.
 */
final class TwilioTestAccount {

    /** The public base URL the test profile configures: the URL Twilio signs, not the one the service sees. */
    static final String PUBLIC_BASE = "https://hooks.example.test";

    static final String ACCOUNT_SID = "AC" + UUID.randomUUID().toString().replace("-", "");
    static final String OLD_TOKEN = "old-auth-token-" + UUID.randomUUID();
    static final String NEW_TOKEN = "new-auth-token-" + UUID.randomUUID();
    private static boolean registered;

    private TwilioTestAccount() {}

    /** Registers the account; call it from a {@code @BeforeEach}, when Quarkus (and RestAssured's port) is up. */
    static synchronized void register() {
        if (registered) {
            return;
        }
        ProviderAccountsAdmin.register("twilio", ACCOUNT_SID, "acme", List.of(OLD_TOKEN, NEW_TOKEN));
        registered = true;
    }

    static String sign(String path, List<Map.Entry<String, String>> params, String token) {
        return TwilioSignature.sign(PUBLIC_BASE + path, params, token);
    }

    /** Posts the form as Twilio would, with the given signature header (none when null). */
    static ValidatableResponse post(String path, List<Map.Entry<String, String>> params, String signature) {
        return post(path, params, signature, Map.of());
    }

    /** Posts the form with the given signature header (none when null) and other headers (a proxy's traceparent). */
    static ValidatableResponse post(
            String path, List<Map.Entry<String, String>> params, String signature, Map<String, String> headers) {
        String body = params.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        var request = given().contentType("application/x-www-form-urlencoded")
                .headers(headers)
                .body(body);
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.post(path).then();
    }

    /** Posts the form correctly signed with the current token. */
    static ValidatableResponse postSigned(String path, List<Map.Entry<String, String>> params) {
        return post(path, params, sign(path, params, NEW_TOKEN));
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
