package io.consentmesh.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers as the providers' documented deletion APIs do (contract tests; it talks only to
 * 127.0.0.1): Twilio {@code DELETE /2010-04-01/Accounts/{sid}/Recordings/{id}.json} (204, or 404 with error 20404),
 * Telnyx {@code DELETE /v2/recordings/{id}} (200 with the deleted record, or 404), Plivo
 * {@code DELETE /v1/Account/{auth_id}/Recording/{id}/} (204, or 404), Plaid {@code POST /item/remove} (200 with a
 * request_id, or 400 ITEM_NOT_FOUND). Reads too, for file exports: Twilio {@code GET …/Recordings/{id}.wav} (the
 * media), Telnyx {@code GET /v2/recordings/{id}} and Plivo {@code GET /v1/Account/{auth_id}/Recording/{id}/} (JSON
 * with a link to the media, {@code download_urls.wav} and {@code recording_url}, served under {@code /media/} without
 * credentials, as pre-signed links are). Credentials are checked; {@link #failNext} makes the next calls answer 429
 * with Retry-After, as a rate-limited provider does.
 */
public final class FakeProviders implements AutoCloseable {

    public static final String TWILIO_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_TOKEN = "twilio-test-token";
    public static final String TELNYX_KEY = "KEY-telnyx-test";
    public static final String PLIVO_ID = "MA0000000000000000001";
    public static final String PLIVO_TOKEN = "plivo-test-token";
    public static final String PLAID_CLIENT = "plaid-client";
    public static final String PLAID_SECRET = "plaid-secret";

    /** Resource paths (without the API prefix) that exist, e.g. {@code Accounts/AC…/Recordings/RE…}. */
    public final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** The media of existing recordings, by resource path. */
    public final java.util.Map<String, byte[]> media = new ConcurrentHashMap<>();
    /** Where Telnyx's and Plivo's answers say the media is (null: on this server); a forged answer points elsewhere. */
    public volatile String mediaBaseUrl;
    /** The Authorization header of every media download ("none" without one). */
    public final List<String> mediaAuthorizations = new CopyOnWriteArrayList<>();
    /** Plaid access tokens whose item exists. */
    public final Set<String> plaidTokens = ConcurrentHashMap.newKeySet();
    /** Every request, as "METHOD path". */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    private final AtomicInteger failures = new AtomicInteger();
    private final HttpServer server;

    public FakeProviders() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} calls answer 429 Too Many Requests with Retry-After: 7. */
    public void failNext(int count) {
        failures.set(count);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", "7");
            respond(exchange, 429, "{\"message\":\"Too Many Requests\"}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (method.equals("GET")) {
            read(exchange, path, auth);
        } else if (path.startsWith("/2010-04-01/") && method.equals("DELETE") && path.endsWith(".json")) {
            if (!basic(TWILIO_SID, TWILIO_TOKEN).equals(auth)) {
                respond(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            } else if (existing.remove(path.substring("/2010-04-01/".length(), path.length() - ".json".length()))) {
                respond(exchange, 204, null);
            } else {
                respond(
                        exchange,
                        404,
                        "{\"code\":20404,\"message\":\"The requested resource was not found\","
                                + "\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}");
            }
        } else if (path.startsWith("/v2/") && method.equals("DELETE")) {
            if (!("Bearer " + TELNYX_KEY).equals(auth)) {
                respond(exchange, 401, "{\"errors\":[{\"code\":\"10009\",\"title\":\"Authentication failed\"}]}");
            } else if (existing.remove(path.substring("/v2/".length()))) {
                respond(exchange, 200, "{\"data\":{\"record_type\":\"recording\",\"status\":\"deleted\"}}");
            } else {
                respond(exchange, 404, "{\"errors\":[{\"code\":\"10005\",\"title\":\"Resource not found\"}]}");
            }
        } else if (path.startsWith("/v1/Account/") && method.equals("DELETE")) {
            String resource = path.substring("/v1/".length()).replaceAll("/$", "");
            if (!basic(PLIVO_ID, PLIVO_TOKEN).equals(auth)) {
                respond(exchange, 401, "{\"error\":\"authentication failed\"}");
            } else if (existing.remove(resource)) {
                respond(exchange, 204, null);
            } else {
                respond(exchange, 404, "{\"api_id\":\"4d8c-test\",\"error\":\"not found\"}");
            }
        } else if (path.equals("/item/remove") && method.equals("POST")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"client_id\":\"" + PLAID_CLIENT + "\"")
                    || !body.contains("\"secret\":\"" + PLAID_SECRET + "\"")) {
                respond(exchange, 400, "{\"error_type\":\"INVALID_INPUT\",\"error_code\":\"INVALID_API_KEYS\"}");
            } else if (plaidTokens.removeIf(token -> body.contains("\"access_token\":\"" + token + "\""))) {
                respond(exchange, 200, "{\"request_id\":\"m8MDnv9okwxFNBV\"}");
            } else {
                respond(
                        exchange,
                        400,
                        "{\"error_type\":\"ITEM_ERROR\",\"error_code\":\"ITEM_NOT_FOUND\","
                                + "\"error_message\":\"the requested item was not found\",\"request_id\":\"HNTDNrA8F1shFEW\"}");
            }
        } else {
            respond(exchange, 405, "{}");
        }
    }

    private void read(HttpExchange exchange, String path, String auth) throws IOException {
        String links = mediaBaseUrl == null ? baseUrl() : mediaBaseUrl;
        if (path.startsWith("/media/")) {
            mediaAuthorizations.add(auth == null ? "none" : auth);
            byte[] content = media.get(path.substring("/media/".length()));
            if (content == null) {
                respond(exchange, 404, "{}");
            } else {
                respondMedia(exchange, "audio/wav", content);
            }
        } else if (path.startsWith("/2010-04-01/") && path.endsWith(".wav")) {
            String resource = path.substring("/2010-04-01/".length(), path.length() - ".wav".length());
            if (!basic(TWILIO_SID, TWILIO_TOKEN).equals(auth)) {
                respond(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            } else if (existing.contains(resource) && media.containsKey(resource)) {
                respondMedia(exchange, "audio/x-wav", media.get(resource));
            } else {
                respond(exchange, 404, "{\"code\":20404,\"status\":404}");
            }
        } else if (path.startsWith("/v2/recordings/")) {
            String resource = path.substring("/v2/".length());
            if (!("Bearer " + TELNYX_KEY).equals(auth)) {
                respond(exchange, 401, "{\"errors\":[{\"code\":\"10009\"}]}");
            } else if (existing.contains(resource)) {
                respond(
                        exchange,
                        200,
                        "{\"data\":{\"id\":\"" + resource + "\",\"record_type\":\"recording\",\"download_urls\":{"
                                + "\"wav\":\"" + links + "/media/" + resource + "?X-Amz-Signature=abc\"}}}");
            } else {
                respond(exchange, 404, "{\"errors\":[{\"code\":\"10005\",\"title\":\"Resource not found\"}]}");
            }
        } else if (path.startsWith("/v1/Account/")) {
            String resource = path.substring("/v1/".length()).replaceAll("/$", "");
            if (!basic(PLIVO_ID, PLIVO_TOKEN).equals(auth)) {
                respond(exchange, 401, "{\"error\":\"authentication failed\"}");
            } else if (existing.contains(resource)) {
                respond(
                        exchange,
                        200,
                        "{\"api_id\":\"4d8c-test\",\"recording_format\":\"mp3\",\"recording_url\":\"" + links
                                + "/media/" + resource + "\"}");
            } else {
                respond(exchange, 404, "{\"api_id\":\"4d8c-test\",\"error\":\"not found\"}");
            }
        } else {
            respond(exchange, 405, "{}");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void respondMedia(HttpExchange exchange, String type, byte[] content) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
