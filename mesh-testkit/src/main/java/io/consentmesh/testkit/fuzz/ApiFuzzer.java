package io.consentmesh.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded, seeded fuzzer for the mesh's HTTP APIs (issue 20): it reads each service's OpenAPI document, builds a
 * plausible request for every operation, and sends it with one bad-input mutation at a time — duplicate JSON keys,
 * NUL characters, instants PostgreSQL or Java cannot hold, oversized values and bodies, enum numbers, wrong types,
 * invalid UTF-8, bad query and path values — and Twilio webhooks signed with the account's token carrying the same.
 * Every answer must be below 500, every error problem+json, no error body may echo more than a short excerpt, and
 * every service must be ready afterwards. The same seed sends the same requests, so a failure replays.
 *
 * <pre>
 *   java -cp … io.consentmesh.testkit.fuzz.ApiFuzzer --seed 7 --requests 3000 --tenant acme --key &lt;api key&gt;
 *       --service consent=http://127.0.0.1:8082,http://127.0.0.1:9182 … [--twilio AC…:&lt;token&gt;]
 * </pre>
 *
 * Exits 0 when every answer passed, 1 otherwise (the failures listed with their index, operation and mutation).
 */
public final class ApiFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 2_048;
    private static final String[] BAD_INSTANTS = {
        "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z"
    };
    private static final String[] BAD_TENANTS = {"UPPER", "x_y", "a\u0000b", "t".repeat(64), "-", ""};

    enum Mutation {
        NONE,
        DUPLICATE_KEY,
        NUL_IN_STRING,
        EXTREME_INSTANT,
        LONG_STRING,
        HUGE_STRING,
        ENUM_AS_NUMBER,
        UNKNOWN_ENUM,
        WRONG_TYPE,
        NULL_BODY,
        NOT_AN_OBJECT,
        INVALID_UTF8,
        EXTREME_NUMBER,
        BAD_QUERY_TENANT,
        BAD_QUERY_INSTANT,
        NUL_IN_QUERY,
        BAD_PATH_VALUE,
        OVERSIZED_BODY
    }

    record Service(String name, String baseUrl, String managementUrl) {}

    record Operation(Service service, String method, String path, JsonNode spec) {}

    record Failure(int index, String operation, Mutation mutation, int status, String why, String excerpt) {}

    private final Random random;
    private final String tenant;
    private final String key;
    private final String twilioAccount;
    private final String twilioToken;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as the providers and most clients call
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final Map<Mutation, Integer> sent = new TreeMap<>();

    ApiFuzzer(long seed, String tenant, String key, String twilioAccount, String twilioToken) {
        this.random = new Random(seed);
        this.tenant = tenant;
        this.key = key;
        this.twilioAccount = twilioAccount;
        this.twilioToken = twilioToken;
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        int requests = 2_000;
        String tenant = null;
        String key = null;
        String twilio = null;
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--tenant" -> tenant = args[++i];
                case "--key" -> key = args[++i];
                case "--twilio" -> twilio = args[++i];
                case "--service" -> {
                    String[] nameAndUrls = args[++i].split("=", 2);
                    String[] urls = nameAndUrls[1].split(",");
                    services.add(new Service(nameAndUrls[0], urls[0], urls[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (tenant == null || key == null || services.isEmpty()) {
            System.err.println("usage: ApiFuzzer --tenant T --key K --service name=base,management … [--seed N]"
                    + " [--requests N] [--twilio ACCOUNT:TOKEN]");
            System.exit(2);
        }
        String[] account = twilio == null ? new String[] {null, null} : twilio.split(":", 2);
        ApiFuzzer fuzzer = new ApiFuzzer(seed, tenant, key, account[0], account[1]);
        System.exit(fuzzer.run(services, requests, seed) ? 0 : 1);
    }

    boolean run(List<Service> services, int requests, long seed) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (Service service : services) {
            JsonNode document = JSON.readTree(get(service.managementUrl() + "/q/openapi?format=json"));
            documents.put(service.name(), document);
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!method.getKey().equals("parameters")) {
                        operations.add(new Operation(
                                service, method.getKey().toUpperCase(), path.getKey(), method.getValue()));
                    }
                }
            }
        }
        List<Failure> failures = new ArrayList<>();
        Mutation[] mutations = Mutation.values();
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Operation operation = operations.get(i % operations.size());
            Mutation mutation = mutations[random.nextInt(mutations.length)];
            if (mutation == Mutation.OVERSIZED_BODY && random.nextInt(20) != 0) {
                mutation = Mutation.NONE; // 11 MB bodies: rarely
            }
            if (mutation == Mutation.HUGE_STRING && random.nextInt(4) != 0) {
                mutation = Mutation.LONG_STRING;
            }
            sent.merge(mutation, 1, Integer::sum);
            Failure failure = operation.path().startsWith("/webhooks/twilio/") && twilioToken != null
                    ? sendTwilio(i, operation, mutation)
                    : send(i, operation, mutation);
            if (failure != null) {
                failures.add(failure);
                System.out.printf(
                        "[fuzz] #%d %s %s (%s): %d %s — %s%n",
                        failure.index(),
                        operation.method(),
                        operation.path(),
                        failure.mutation(),
                        failure.status(),
                        failure.why(),
                        failure.excerpt());
            }
        }
        boolean healthy = true;
        for (Service service : services) {
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() != 200) {
                healthy = false;
                System.out.printf("[fuzz] %s is not ready after the run: %d%n", service.name(), ready.statusCode());
            }
        }
        System.out.printf(
                "[fuzz] seed %d: %d requests over %d operations of %d services in %d s; by mutation %s; %d failed;"
                        + " services ready: %s%n",
                seed,
                requests,
                operations.size(),
                services.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                sent,
                failures.size(),
                healthy);
        return failures.isEmpty() && healthy;
    }

    private Failure send(int index, Operation operation, Mutation mutation) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        String path = operation.path();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = valueFor(name, resolve(operation, parameter.path("schema")));
            if (in.equals("path")) {
                if (mutation == Mutation.BAD_PATH_VALUE) {
                    // long, but inside the 4 KiB request line the HTTP codec accepts (beyond it: 414, from the codec)
                    value = pick(new String[] {"\u0000", "x".repeat(1_500), "..", "%", "-1", "' OR 1=1"});
                }
                path = path.replace("{" + name + "}", encode(value));
            } else if (in.equals("query")) {
                if (mutation == Mutation.BAD_QUERY_TENANT && name.equals("tenantId")) {
                    value = pick(BAD_TENANTS);
                } else if (mutation == Mutation.BAD_QUERY_INSTANT && looksLikeInstant(name, parameter)) {
                    value = pick(BAD_INSTANTS);
                } else if (mutation == Mutation.NUL_IN_QUERY) {
                    value = value + "\u0000";
                }
                query.put(name, value);
            }
        }
        if (mutation == Mutation.BAD_QUERY_INSTANT) {
            query.putIfAbsent("at", pick(BAD_INSTANTS));
        }
        StringBuilder url = new StringBuilder(operation.service().baseUrl()).append(path);
        String separator = "?";
        for (Map.Entry<String, String> entry : query.entrySet()) {
            url.append(separator).append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        JsonNode bodySchema = operation.spec().path("requestBody").path("content");
        String contentType =
                bodySchema.fieldNames().hasNext() ? bodySchema.fieldNames().next() : null;
        byte[] body = null;
        if (contentType != null) {
            JsonNode schema = resolve(operation, bodySchema.path(contentType).path("schema"));
            body = contentType.contains("json")
                    ? jsonBody(operation, schema, mutation)
                    : "x".getBytes(StandardCharsets.UTF_8);
            request.header("Content-Type", contentType);
        } else if (mutation == Mutation.OVERSIZED_BODY) {
            body = new byte[11 * 1024 * 1024];
            request.header("Content-Type", "application/json");
        }
        if (body != null) {
            request.method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        return check(index, operation, mutation, request.build());
    }

    private byte[] jsonBody(Operation operation, JsonNode schema, Mutation mutation) throws Exception {
        JsonNode sample = sample(operation, schema, 0);
        switch (mutation) {
            case NULL_BODY -> {
                return pick(new String[] {"null", "", " "}).getBytes(StandardCharsets.UTF_8);
            }
            case NOT_AN_OBJECT -> {
                return pick(new String[] {"[]", "1", "\"x\"", "{", "{\"a\":}"}).getBytes(StandardCharsets.UTF_8);
            }
            case OVERSIZED_BODY -> {
                byte[] huge = new byte[11 * 1024 * 1024];
                java.util.Arrays.fill(huge, (byte) ' ');
                huge[0] = '{';
                huge[huge.length - 1] = '}';
                return huge;
            }
            case DUPLICATE_KEY -> {
                if (sample instanceof ObjectNode object && object.size() > 0) {
                    String json = JSON.writeValueAsString(object);
                    String first = object.fieldNames().next();
                    return ("{\"" + first + "\":\"duplicate\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
                }
            }
            case INVALID_UTF8 -> {
                String json = JSON.writeValueAsString(mutateString(sample, "\u0001MARK\u0001"));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] bytes = json.replace("\\u0001MARK\\u0001", "\u0001").getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    if (b == 1) {
                        out.write(0xC3);
                        out.write(0x28); // an invalid two-byte sequence
                    } else {
                        out.write(b);
                    }
                }
                return out.toByteArray();
            }
            default -> {
                // below
            }
        }
        JsonNode mutated =
                switch (mutation) {
                    case NUL_IN_STRING -> mutateString(sample, "a\u0000b");
                    case LONG_STRING -> mutateString(sample, "x".repeat(70_000));
                    case HUGE_STRING -> mutateString(sample, "x".repeat(1_048_576));
                    case EXTREME_INSTANT -> mutateInstant(sample);
                    case ENUM_AS_NUMBER -> mutateEnum(sample, true);
                    case UNKNOWN_ENUM -> mutateEnum(sample, false);
                    case WRONG_TYPE -> mutateAny(sample, JsonNodeFactory.instance.arrayNode());
                    case EXTREME_NUMBER -> mutateNumber(sample);
                    default -> sample;
                };
        return JSON.writeValueAsBytes(mutated);
    }

    private Failure sendTwilio(int index, Operation operation, Mutation mutation) throws Exception {
        Map<String, String> form = new TreeMap<>();
        form.put("AccountSid", twilioAccount);
        form.put("CallSid", "CA" + hex(32));
        form.put("MessageSid", "SM" + hex(32));
        form.put("From", "+12125550" + (100 + random.nextInt(800)));
        form.put("To", "+14155550101");
        form.put("Body", pick(new String[] {"hello", "STOP", "START", "HELP"}));
        form.put("NumSegments", "1");
        form.put("MessageStatus", "delivered");
        form.put("CallStatus", "completed");
        form.put("Direction", "outbound-api");
        form.put("RecordingSid", "RE" + hex(32));
        form.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + twilioAccount + "/Recordings/RE1");
        form.put("RecordingStatus", "completed");
        form.put("RecordingDuration", "12");
        form.put("TranscriptionSid", "TR" + hex(32));
        form.put("TranscriptionText", "hello");
        form.put("TranscriptionStatus", "completed");
        String field =
                pick(form.keySet().stream().filter(f -> !f.equals("AccountSid")).toArray(String[]::new));
        switch (mutation) {
            case NUL_IN_STRING, NUL_IN_QUERY -> form.put(field, form.get(field) + "\u0000");
            case LONG_STRING, HUGE_STRING -> form.put(field, "x".repeat(70_000));
            case EXTREME_NUMBER, WRONG_TYPE ->
                form.put(
                        pick(new String[] {"RecordingDuration", "NumSegments"}),
                        pick(new String[] {"-1", "2147483648", "99999999999999999999", "1e400", "NaN", "x"}));
            case EXTREME_INSTANT, BAD_QUERY_INSTANT -> form.put("Timestamp", pick(BAD_INSTANTS));
            case UNKNOWN_ENUM, ENUM_AS_NUMBER ->
                form.put(pick(new String[] {"CallStatus", "MessageStatus", "RecordingStatus", "Direction"}), "0");
            default -> {
                // a plain, valid webhook
            }
        }
        String url = operation.service().baseUrl() + operation.path();
        StringBuilder signed = new StringBuilder(url);
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> entry : form.entrySet()) {
            signed.append(entry.getKey()).append(entry.getValue());
            body.append(body.length() == 0 ? "" : "&")
                    .append(encode(entry.getKey()))
                    .append('=')
                    .append(encode(entry.getValue()));
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(twilioToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature =
                Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return check(index, operation, mutation, request);
    }

    private Failure check(int index, Operation operation, Mutation mutation, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException failed) {
            if (mutation == Mutation.OVERSIZED_BODY) {
                return null; // a server may close the connection on a body over its limit after answering 413
            }
            try {
                // once more, on a fresh connection: the previous answer (a 413) may have closed a pooled one
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException again) {
                return new Failure(index, operation.path(), mutation, 0, "no answer", again.toString());
            }
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String excerpt = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            return new Failure(index, operation.path(), mutation, status, "server error", excerpt);
        }
        if (status >= 400) {
            if (!type.startsWith("application/problem+json")) {
                return new Failure(index, operation.path(), mutation, status, "not problem+json: " + type, excerpt);
            }
            if (response.body().length > MAX_ERROR_BODY) {
                return new Failure(
                        index,
                        operation.path(),
                        mutation,
                        status,
                        "an error of " + response.body().length + " bytes (echoes the input?)",
                        excerpt);
            }
        }
        return null;
    }

    // --- plausible values from the OpenAPI schemas -------------------------------------------------------------

    private JsonNode resolve(Operation operation, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = documents
                    .get(operation.service().name())
                    .path("components")
                    .path("schemas")
                    .path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current.has("allOf") && current.path("allOf").size() > 0) {
            return resolve(operation, current.path("allOf").get(0));
        }
        return current;
    }

    private JsonNode sample(Operation operation, JsonNode schema, int depth) {
        JsonNode resolved = resolve(operation, schema);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (resolved.has("enum") && resolved.path("enum").size() > 0) {
            return resolved.path("enum")
                    .get(random.nextInt(resolved.path("enum").size()));
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                if (depth > 4) {
                    return object;
                }
                Iterator<Map.Entry<String, JsonNode>> properties =
                        resolved.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    JsonNode value = sample(operation, property.getValue(), depth + 1);
                    JsonNode resolvedProperty = resolve(operation, property.getValue());
                    if (resolvedProperty.path("type").asText("").equals("string")
                            && !resolvedProperty.has("enum")
                            && !resolvedProperty.has("format")) {
                        value = nodes.textNode(valueFor(property.getKey(), resolvedProperty));
                    }
                    object.set(property.getKey(), value);
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                if (depth <= 4) {
                    array.add(sample(operation, resolved.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return nodes.numberNode(1);
            }
            case "number" -> {
                return nodes.numberNode(1.5);
            }
            case "boolean" -> {
                return nodes.booleanNode(random.nextBoolean());
            }
            default -> {
                String format = resolved.path("format").asText("");
                if (format.equals("date-time")) {
                    return nodes.textNode(Instant.now().plusSeconds(3_600).toString());
                }
                if (format.equals("date")) {
                    return nodes.textNode("2027-01-15");
                }
                if (format.equals("uuid")) {
                    return nodes.textNode(UUID.randomUUID().toString());
                }
                return nodes.textNode(valueFor("", resolved));
            }
        }
    }

    /** A plausible value for a named field or parameter. */
    private String valueFor(String name, JsonNode schema) {
        String lower = name.toLowerCase();
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0).asText();
        }
        if (lower.equals("tenantid")) {
            return tenant;
        }
        if (lower.contains("phone") || lower.equals("to") || lower.equals("number") || lower.equals("from")) {
            return lower.equals("from") || lower.equals("number") ? "+14155550101" : "+12125550123";
        }
        if (lower.endsWith("at")
                || lower.equals("from")
                || schema.path("format").asText("").equals("date-time")) {
            return Instant.now().plusSeconds(3_600).toString();
        }
        if (lower.equals("provider")) {
            return "twilio";
        }
        if (lower.equals("channel")) {
            return "SMS";
        }
        if (lower.endsWith("id")
                || lower.equals("token")
                || schema.path("format").asText("").equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        return "fuzz-" + hex(6);
    }

    private static boolean looksLikeInstant(String name, JsonNode parameter) {
        return name.equals("at")
                || name.equals("from")
                || name.equals("to")
                || name.endsWith("At")
                || parameter.path("schema").path("format").asText("").equals("date-time");
    }

    // --- mutations of a sample body ------------------------------------------------------------------------

    /** A field of the sample (its holder and name) whose value passes {@code test}, at random; null if none. */
    private Map.Entry<ObjectNode, String> field(
            JsonNode sample, java.util.function.Predicate<Map.Entry<String, JsonNode>> test) {
        List<Map.Entry<ObjectNode, String>> found = new ArrayList<>();
        collect(sample, (holder, name, value) -> {
            if (test.test(Map.entry(name, value))) {
                found.add(Map.entry((ObjectNode) holder, name));
            }
        });
        return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
    }

    /** Sets a field that passes {@code test} to {@code value}; @return whether there was one */
    private boolean replace(
            JsonNode sample, java.util.function.Predicate<Map.Entry<String, JsonNode>> test, JsonNode value) {
        Map.Entry<ObjectNode, String> at = field(sample, test);
        if (at != null) {
            at.getKey().set(at.getValue(), value);
        }
        return at != null;
    }

    private JsonNode mutateString(JsonNode sample, String value) {
        replace(sample, f -> f.getValue().isTextual(), JsonNodeFactory.instance.textNode(value));
        return sample;
    }

    private JsonNode mutateInstant(JsonNode sample) {
        Map.Entry<ObjectNode, String> at = field(
                sample,
                f -> f.getValue().isTextual()
                        && (f.getKey().endsWith("At") || f.getValue().asText().matches("\\d{4}-\\d\\d-\\d\\dT.*")));
        if (at == null) {
            return mutateString(sample, pick(BAD_INSTANTS));
        }
        at.getKey().put(at.getValue(), pick(BAD_INSTANTS));
        return sample;
    }

    private JsonNode mutateEnum(JsonNode sample, boolean asNumber) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        replace(
                sample,
                f -> f.getValue().isTextual() && f.getValue().asText().matches("[A-Z][A-Z0-9_]+"),
                asNumber ? nodes.numberNode(0) : nodes.textNode("NOT_A_KNOWN_VALUE"));
        return sample;
    }

    private JsonNode mutateNumber(JsonNode sample) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map.Entry<ObjectNode, String> at = field(sample, f -> f.getValue().isNumber());
        if (at == null) {
            return mutateAny(sample, nodes.numberNode(-1));
        }
        at.getKey()
                .set(
                        at.getValue(),
                        switch (random.nextInt(4)) {
                            case 0 -> nodes.numberNode(-1);
                            case 1 -> nodes.numberNode(2_147_483_648L);
                            case 2 -> nodes.numberNode(new java.math.BigInteger("99999999999999999999999999"));
                            default -> nodes.numberNode(Long.MIN_VALUE);
                        });
        return sample;
    }

    private JsonNode mutateAny(JsonNode sample, JsonNode value) {
        return replace(sample, f -> true, value) ? sample : value;
    }

    private interface Visitor {
        void field(JsonNode holder, String field, JsonNode value);
    }

    private static void collect(JsonNode node, Visitor visitor) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
            fields.forEachRemaining(copy::add);
            for (Map.Entry<String, JsonNode> field : copy) {
                visitor.field(object, field.getKey(), field.getValue());
                collect(field.getValue(), visitor);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> collect(item, visitor));
        }
    }

    // --- small helpers ---------------------------------------------------------------------------------------

    private String get(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
