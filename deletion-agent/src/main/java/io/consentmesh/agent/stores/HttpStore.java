package io.consentmesh.agent.stores;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
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
 * A copy for a person's access copy (a fetch) reads the file the same way: Twilio's recording media
 * ({@code GET …/Recordings/{Sid}.wav}; any other resource as its {@code .json}), Telnyx's and Plivo's recording
 * (its JSON gives a link to the media, {@code download_urls} or {@code recording_url}, fetched without the API's
 * credentials and only from the API's host or the store's {@code media-hosts}); a Plaid item is not a file.
 *
 * <p>A 429 or 5xx is FAILED with the store's Retry-After, so retention-service tries again then; any other answer is
 * FAILED with its status. The command's address is the resource path retention-service inventoried; one that is not
 * a plain relative path is refused (an agent never follows an address to another host).
 */
public final class HttpStore implements Store, FileSource {

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

    @Override
    public CompletionStage<FetchedFile> fetch(String address, long maxBytes, Path into) {
        if (!SAFE_ADDRESS.matcher(address).matches() || address.contains("..") || address.contains("//")) {
            return CompletableFuture.completedFuture(
                    FetchedFile.failed("the address is not a resource path of " + name, null));
        }
        try {
            return fetchFrom(config.baseUrl().replaceAll("/+$", ""), address, maxBytes, into);
        } catch (IllegalStateException missing) {
            return CompletableFuture.completedFuture(FetchedFile.failed(missing.getMessage(), null));
        }
    }

    private CompletionStage<FetchedFile> fetchFrom(String base, String address, long maxBytes, Path into) {
        return switch (kind) {
            case "twilio" -> {
                String media = address.contains("/Recordings/") ? ".wav" : ".json";
                yield download(
                        HttpRequest.newBuilder(URI.create(base + "/2010-04-01/" + address + media))
                                .header("Authorization", basic()),
                        maxBytes,
                        into);
            }
            case "telnyx" ->
                mediaLink(
                        HttpRequest.newBuilder(URI.create(base + "/v2/" + address))
                                .header("Authorization", "Bearer " + secret()),
                        json -> json.path("data")
                                .path("download_urls")
                                .path("wav")
                                .asText(json.path("data")
                                        .path("download_urls")
                                        .path("mp3")
                                        .asText(null)),
                        maxBytes,
                        into);
            case "plivo" ->
                mediaLink(
                        HttpRequest.newBuilder(URI.create(base + "/v1/" + address + (address.endsWith("/") ? "" : "/")))
                                .header("Authorization", basic()),
                        json -> json.path("recording_url").asText(null),
                        maxBytes,
                        into);
            default ->
                CompletableFuture.completedFuture(FetchedFile.not(
                        FileExportOutcome.NOT_A_FILE, name + " keeps a link to a bank account, not a file"));
        };
    }

    /** The provider's JSON about the recording names where its media is: fetched from there, if it is allowed. */
    private CompletionStage<FetchedFile> mediaLink(
            HttpRequest.Builder about, Function<JsonNode, String> link, long maxBytes, Path into) {
        return http.sendAsync(about.timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    FetchedFile refused = refusal(response.statusCode(), response.headers());
                    if (refused != null) {
                        return CompletableFuture.completedFuture(refused);
                    }
                    String url;
                    try {
                        url = link.apply(EventCodec.mapper().readTree(response.body()));
                    } catch (java.io.IOException unreadable) {
                        url = null;
                    }
                    if (url == null || url.isBlank()) {
                        return CompletableFuture.completedFuture(
                                FetchedFile.not(FileExportOutcome.NOT_FOUND, name + " gave no media link for it"));
                    }
                    URI media;
                    try {
                        media = URI.create(url);
                    } catch (IllegalArgumentException malformed) {
                        return CompletableFuture.completedFuture(
                                FetchedFile.failed(name + " gave a media link that is not a URL", null));
                    }
                    if (!mediaHostAllowed(media)) {
                        return CompletableFuture.completedFuture(FetchedFile.failed(
                                name + " pointed to media on " + media.getHost()
                                        + ", which is not one of its media-hosts",
                                null));
                    }
                    // the link carries its own authorization: the API's credentials never go to another host
                    return download(HttpRequest.newBuilder(media), maxBytes, into);
                })
                .exceptionally(failure -> unreachable(failure));
    }

    private boolean mediaHostAllowed(URI media) {
        String host = media.getHost();
        if (host == null || !List.of("https", "http").contains(String.valueOf(media.getScheme()))) {
            return false;
        }
        if (host.equalsIgnoreCase(URI.create(config.baseUrl()).getHost())) {
            return true;
        }
        return config.mediaHosts().orElse(List.of()).stream()
                .anyMatch(allowed -> allowed.startsWith("*.")
                        ? host.toLowerCase(Locale.ROOT)
                                .endsWith(allowed.substring(1).toLowerCase(Locale.ROOT))
                        : host.equalsIgnoreCase(allowed));
    }

    /** Streams the answer into {@code into}; a declared length over the limit is refused before reading the body. */
    private CompletionStage<FetchedFile> download(HttpRequest.Builder request, long maxBytes, Path into) {
        HttpResponse.BodyHandler<Path> handler = info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (info.statusCode() / 100 != 2 || declared > maxBytes) {
                return HttpResponse.BodySubscribers.replacing(into);
            }
            return HttpResponse.BodySubscribers.ofFile(into);
        };
        return http.sendAsync(request.timeout(timeout).GET().build(), handler)
                .thenApply(response -> {
                    FetchedFile refused = refusal(response.statusCode(), response.headers());
                    if (refused != null) {
                        return refused;
                    }
                    long size;
                    try {
                        size = java.nio.file.Files.size(into);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    long declared = response.headers()
                            .firstValueAsLong("Content-Length")
                            .orElse(size);
                    if (declared > maxBytes || size > maxBytes) {
                        return FetchedFile.not(
                                FileExportOutcome.TOO_LARGE, Math.max(declared, size) + " bytes in " + name);
                    }
                    return FetchedFile.of(
                            into, response.headers().firstValue("Content-Type").orElse(null));
                })
                .exceptionally(failure -> unreachable(failure));
    }

    /** A non-2xx answer as the export's outcome, or null for a 2xx. */
    private FetchedFile refusal(int status, java.net.http.HttpHeaders headers) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String said = "HTTP " + status + " from " + name;
        if (status == 404) {
            return FetchedFile.not(FileExportOutcome.NOT_FOUND, said);
        }
        if (status == 429 || status >= 500) {
            Integer after = retryAfter(headers);
            return FetchedFile.failed(said, after == null ? 1 : after);
        }
        return FetchedFile.failed(said, null);
    }

    private FetchedFile unreachable(Throwable failure) {
        return FetchedFile.failed(
                name + " could not be reached: " + rootCause(failure).getClass().getSimpleName(), 1);
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
            return StoreAnswer.failed(said, retryAfter(response.headers()));
        }
        return StoreAnswer.failed(said, null);
    }

    private static Integer retryAfter(java.net.http.HttpHeaders headers) {
        return headers.firstValue("Retry-After")
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
