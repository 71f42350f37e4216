package io.consentmesh.testkit.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generators obtain their credentials as an operator would: the installation's platform-admin key
 * ({@code --platform-admin-key}, from deploy/local/.state/secrets.env) makes a tenant API key through consent-service's
 * admin API.
 */
public final class LoadCredentials {

    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");

    private LoadCredentials() {}

    /** The platform-admin key named by {@code --platform-admin-key}; refuses to run without one. */
    public static String platformAdmin(java.util.Map<String, String> options) {
        String key = options.get("platform-admin-key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "--platform-admin-key is required (MESH_SECURITY_API_KEYS_BOOTSTRAP_PLATFORM_ADMIN in secrets.env)");
        }
        return key;
    }

    /** A key of {@code tenant} with every tenant role (sender, privacy-ops, registry-admin, auditor, dsar-intake). */
    public static String tenantKey(URI consent, String platformAdminKey, String tenant) {
        String body =
                "{\"name\":\"load generator\",\"roles\":[\"sender\",\"privacy-ops\",\"registry-admin\",\"auditor\",\"dsar-intake\"]}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(consent.resolve("/v1/admin/tenants/" + tenant + "/api-keys"))
                                    .header("Authorization", "Bearer " + platformAdminKey)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher key = API_KEY.matcher(response.body());
            if (response.statusCode() != 201 || !key.find()) {
                throw new IllegalStateException(
                        "making an API key for " + tenant + " answered " + response.statusCode());
            }
            return key.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
