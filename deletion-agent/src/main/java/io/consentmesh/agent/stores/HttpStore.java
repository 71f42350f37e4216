package io.consentmesh.agent.stores;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * A store reached over its REST API, as each provider documents it:
 *
 * <ul>
 *   <li>Twilio: {@code DELETE /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json} (and Transcriptions, Calls),
 *       basic auth with the Account SID and Auth Token; 204, or 404 (error 20404) when already gone.
 *   <li>Telnyx: {@code DELETE /v2/recordings/{id}}, bearer API key; 200, or 404.
 *   <li>Plivo: {@code DELETE /v1/Account/{auth_id}/Recording/{id}/}, basic auth with the Auth ID and Auth Token; 204,
 *       or 404.
 *   <li>Plaid: {@code POST /item/remove} with {@code client_id}, {@code secret} and the item's {@code access_token};
 *       200, or 400 with {@code error_code} {@code ITEM_NOT_FOUND} when already removed.
 * </ul>
 *
 * A 429 or 5xx is FAILED with the store's Retry-After, so retention-service tries again then; any other answer is
 * FAILED with its status. The command's address is the resource path retention-service inventoried; one that is not
 * a plain relative path is refused (an agent never follows an address to another host).
 */
public final class HttpStore implements Store {

    private static final Pattern SAFE_ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]{0,500}");

    private final String name;
    private final String kind;
    private final AgentConfig.Store config;
    private final HttpClient http;
    private final Duration timeout;

    public HttpStore(String name, AgentConfig.Store config, HttpClient http, Duration timeout) {
        this.name = name;
        this.kind = config.kind().toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("twilio", "telnyx", "plivo", "plaid").contains(kind)) {
            throw new IllegalArgumentException(
                    "store " + name + ": unknown kind " + config.kind() + " (twilio, telnyx, plivo or plaid)");
        }
        this.config = config;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<StoreAnswer> delete(DeletionCommanded command) {
        String address = command.address();
        if (!SAFE_ADDRESS.matcher(address).matches() || address.contains("..") || address.contains("//")) {
            return CompletableFuture.completedFuture(
                    StoreAnswer.failed("the address is not a resource path of " + name, null));
        }
        HttpRequest request;
        try {
            request = request(address);
        } catch (IllegalStateException missing) {
            return CompletableFuture.completedFuture(StoreAnswer.failed(missing.getMessage(), null));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::answer)
                .exceptionally(failure -> StoreAnswer.failed(
                        name + " could not be reached: "
                                + rootCause(failure).getClass().getSimpleName(),
                        null));
    }

    private HttpRequest request(String address) {
        String base = config.baseUrl().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout);
        switch (kind) {
            case "twilio" ->
                request.uri(URI.create(base + "/2010-04-01/" + address + ".json"))
                        .header("Authorization", basic())
                        .DELETE();
            case "telnyx" ->
                request.uri(URI.create(base + "/v2/" + address))
                        .header("Authorization", "Bearer " + secret())
                        .DELETE();
            case "plivo" ->
                request.uri(URI.create(base + "/v1/" + address + (address.endsWith("/") ? "" : "/")))
                        .header("Authorization", basic())
                        .DELETE();
            default -> {
                String token = config.accessTokens().get(address);
                if (token == null) {
                    throw new IllegalStateException("no access token for this item in " + name + " (mesh.agent.stores."
                            + name + ".access-tokens)");
                }
                String body = "{\"client_id\":" + json(username()) + ",\"secret\":" + json(secret())
                        + ",\"access_token\":" + json(token) + "}";
                request.uri(URI.create(base + "/item/remove"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
            }
        }
        return request.build();
    }

    private StoreAnswer answer(HttpResponse<String> response) {
        int status = response.statusCode();
        String said = "HTTP " + status + " from " + name;
        if (status >= 200 && status < 300) {
            return StoreAnswer.deleted(said);
        }
        if (status == 404 || (kind.equals("plaid") && response.body().contains("\"ITEM_NOT_FOUND\""))) {
            return StoreAnswer.gone(said);
        }
        if (status == 429 || status >= 500) {
            return StoreAnswer.failed(said, retryAfter(response));
        }
        return StoreAnswer.failed(said, null);
    }

    private static Integer retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .flatMap(value -> {
                    try {
                        return java.util.Optional.of(Math.max(0, Integer.parseInt(value.trim())));
                    } catch (NumberFormatException dateForm) {
                        return java.util.Optional.empty();
                    }
                })
                .orElse(null);
    }

    private String basic() {
        String pair = username() + ":" + secret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String username() {
        return config.username()
                .orElseThrow(() -> new IllegalStateException("store " + name + " has no username configured"));
    }

    private String secret() {
        return config.password()
                .orElseThrow(() -> new IllegalStateException("store " + name + " has no password configured"));
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
