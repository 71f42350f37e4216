package io.consentmesh.ingest.census;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.ingest.plivo.PlivoSignature;
import io.consentmesh.ingest.twilio.TwilioSignature;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The plaintext census (issue 14): drives known people — numbers, words, names, IP addresses, user agents, all unique
 * to the run — through every flow of a running mesh (Twilio, Plivo and Telnyx webhooks, the agent runtime, the
 * consents API and its import, authorizations, replies, the review queue, data-subject requests), then looks for their
 * plaintext in every column of every table of every schema ({@code pg_dump} of the whole database) and in every
 * record of every topic (keys, values and headers, aborted transactions included). Then it erases them, looks again,
 * and checks that no key that could open what remains of them is left. Exit code 0 when nothing is found but the
 * documented exceptions ({@link #EXCEPTIONS}). Run it with {@code deploy/local/census.sh}; it talks only to 127.0.0.1
 * and stops by itself.
 */
public final class PlaintextCensus {

    /**
     * Where plaintext is expected, and why (docs/privacy.md lists the same): the reply commands are read outside the
     * mesh by the tenant's messaging, which must text the number, and so are the verification codes of data-subject
     * requests; the topics are kept 7 days.
     */
    static final Map<String, String> EXCEPTIONS = Map.of(
            "topic " + Topics.CONSENT_REPLY_COMMAND,
            "the tenant's messaging must read the number it texts (kept 7 days, then gone)",
            "topic " + Topics.DSAR_SMS_COMMAND,
            "the tenant's messaging must read the number it texts the code to (kept 7 days, then gone)");

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SENDER = "+14155550181";
    private static final Pattern FIELD = Pattern.compile("\"(%s)\"\\s*:\\s*\"([^\"]*)\"");

    private final URI ingest;
    private final URI consent;
    private final URI dsar;
    private final String platformAdmin;
    private final String bootstrap;
    private final String dbPort;
    private final String dbName;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = HexFormat.of().formatHex(randomBytes(4));
    private final String tenant = "census-" + run;
    private final String twilioAccount = "AC" + HexFormat.of().formatHex(randomBytes(16));
    private final String twilioToken = HexFormat.of().formatHex(randomBytes(16));
    private final String plivoAuthId =
            "MA" + HexFormat.of().formatHex(randomBytes(9)).toUpperCase();
    private final String plivoToken = HexFormat.of().formatHex(randomBytes(16));
    private final String telnyxProfile = UUID.randomUUID().toString();
    private final byte[] telnyxPrivate = randomBytes(Ed25519.SECRET_KEY_SIZE);
    private final String runtimeKeyId = "rt-census-" + run;
    private final String runtimeSecret = HexFormat.of().formatHex(randomBytes(16));
    private String tenantKey;
    /** What was found where a documented exception allows it: the proof that the scans see plaintext at all. */
    private final Set<String> excepted = new java.util.TreeSet<>();

    private final List<String> dsarRequests = new ArrayList<>();

    /** Everything personal the census sends, by what it is: each must never be found in clear. */
    private final Map<String, String> needles = new LinkedHashMap<>();

    private final Person ana = new Person("ana");
    private final Person ben = new Person("ben");
    private final Person cleo = new Person("cleo");
    private final Person dan = new Person("dan");
    private final Person eve = new Person("eve");

    private PlaintextCensus(Map<String, String> options) {
        this.ingest = local(options.getOrDefault("ingest", "http://127.0.0.1:8081"));
        this.consent = local(options.getOrDefault("consent", "http://127.0.0.1:8082"));
        this.dsar = local(options.getOrDefault("dsar", "http://127.0.0.1:8084"));
        this.platformAdmin = LoadCredentials.platformAdmin(options);
        this.bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        this.dbPort = options.getOrDefault("db-port", "5432");
        this.dbName = options.getOrDefault("db-name", "consentmesh");
    }

    /** A person of the run: a number of their own, and personal words that name the run. */
    private final class Person {
        final String name;
        final String number;

        Person(String name) {
            this.name = name;
            this.number = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
            // the national digits: found however the number was written (E.164, Plivo's digits, URL-encoded)
            needles.put(name + "'s number", number.substring(2));
        }

        String words(String what, String text) {
            String token = what + "-" + run + "-" + name;
            needles.put(name + "'s " + what, token);
            return text + " " + token;
        }
    }

    public static void main(String[] args) {
        OpenLoop.exit(() -> new PlaintextCensus(OpenLoop.options(args)).census());
    }

    private int census() throws Exception {
        setUp();
        drive();
        awaitApplied();
        List<String> before = findings("before erasure");
        Map<String, String> subjects = erase();
        List<String> after = findings("after erasure");
        List<String> keys = keysLeft(subjects);
        System.out.printf("%n[census] %d personal values, each looked for in every table and topic%n", needles.size());
        report("before erasure", before);
        report("after erasure", after);
        report("data keys left that could open an erased person's data", keys);
        EXCEPTIONS.forEach((where, why) -> System.out.printf("[census] documented exception: %s — %s%n", where, why));
        // a positive control: ana's HELP got a reply command, so her number must be seen on its topic
        boolean seen = excepted.contains("ana's number in topic " + Topics.CONSENT_REPLY_COMMAND);
        System.out.printf(
                "[census] positive control (found where allowed, so the scans do see plaintext): %s%n", excepted);
        boolean clean = before.isEmpty() && after.isEmpty() && keys.isEmpty() && seen;
        System.out.println(
                clean ? "[census] passed: no plaintext outside the documented exceptions" : "[census] FAILED");
        return clean ? 0 : 1;
    }

    // ---- the flows ------------------------------------------------------------------------------------------------

    private void setUp() throws Exception {
        tenantKey = LoadCredentials.tenantKey(consent, platformAdmin, tenant);
        String tenantJson = "{\"tenantId\":\"" + tenant + "\"}";
        admin("PUT", "/v1/admin/provider-accounts/twilio/" + twilioAccount, tenantJson);
        admin("POST", "/v1/admin/provider-accounts/twilio/" + twilioAccount + "/credentials", secret(twilioToken));
        admin("PUT", "/v1/admin/provider-accounts/plivo/" + plivoAuthId, tenantJson);
        admin("POST", "/v1/admin/provider-accounts/plivo/" + plivoAuthId + "/credentials", secret(plivoToken));
        byte[] telnyxPublic = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(telnyxPrivate, 0, telnyxPublic, 0);
        admin("PUT", "/v1/admin/provider-accounts/telnyx/" + telnyxProfile, tenantJson);
        admin(
                "POST",
                "/v1/admin/provider-accounts/telnyx/" + telnyxProfile + "/credentials",
                secret(Base64.getEncoder().encodeToString(telnyxPublic)));
        admin("PUT", "/v1/admin/provider-accounts/agent_runtime/" + runtimeKeyId, tenantJson);
        admin(
                "POST",
                "/v1/admin/provider-accounts/agent_runtime/" + runtimeKeyId + "/credentials",
                secret(runtimeSecret));
        // the sender is on an active campaign, so texts get their replies and authorizations their answers
        api(
                consent,
                "PUT",
                "/v1/registry/brands/BCENSUS",
                """
                {"tenantId":"%s","legalName":"Census Co.","status":"APPROVED"}"""
                        .formatted(tenant));
        api(
                consent,
                "PUT",
                "/v1/registry/campaigns/CCENSUS",
                """
                {"tenantId":"%s","brandId":"BCENSUS","useCase":"MIXED",
                 "subUseCases":["ACCOUNT_NOTIFICATION","MARKETING"],"status":"ACTIVE"}"""
                        .formatted(tenant));
        api(
                consent,
                "PUT",
                "/v1/registry/sender-numbers/" + SENDER,
                """
                {"tenantId":"%s","campaignId":"CCENSUS"}""".formatted(tenant));
    }

    private void drive() throws Exception {
        // Twilio: ana asks for help (a reply command), says something that needs review, texts, calls, is transcribed
        twilio("/webhooks/twilio/sms", sms(ana, "HELP"), 200);
        twilio("/webhooks/twilio/sms", sms(ana, "please stop texting me after 6pm thanks"), 200);
        twilio("/webhooks/twilio/sms", sms(ana, ana.words("text", "what time do you open tomorrow?")), 200);
        String call = "CA" + HexFormat.of().formatHex(randomBytes(16));
        twilio(
                "/webhooks/twilio/voice-status",
                form(
                        "AccountSid",
                        twilioAccount,
                        "CallSid",
                        call,
                        "CallStatus",
                        "in-progress",
                        "Direction",
                        "inbound",
                        "From",
                        ana.number,
                        "To",
                        SENDER,
                        "SequenceNumber",
                        "1"),
                204);
        twilio(
                "/webhooks/twilio/transcription",
                form(
                        "AccountSid",
                        twilioAccount,
                        "CallSid",
                        call,
                        "TranscriptionSid",
                        "TR" + HexFormat.of().formatHex(randomBytes(16)),
                        "TranscriptionStatus",
                        "completed",
                        "TranscriptionText",
                        ana.words("transcript", "please call me back on Monday")),
                204);
        twilio(
                "/webhooks/twilio/message-status",
                form(
                        "AccountSid",
                        twilioAccount,
                        "MessageSid",
                        "SM" + HexFormat.of().formatHex(randomBytes(16)),
                        "MessageStatus",
                        "delivered",
                        "From",
                        SENDER,
                        "To",
                        ana.number),
                204);
        // the agent runtime hears ana revoke on the call
        post(
                ingest,
                "/v1/events/verbal-consent",
                "Bearer " + runtimeKeyId + "." + runtimeSecret,
                """
                {"eventId":"%s","callId":"%s","personNumber":"%s","intent":"OPT_OUT","transcriptOffsetMillis":1200,
                 "utterance":"%s","confidence":0.97,"occurredAt":"%s"}"""
                        .formatted(
                                UUID.randomUUID(), call, ana.number, ana.words("utterance", "stop calling me"), now()));
        // Plivo: ben texts STOP
        plivoSms(ben, "STOP");
        // Telnyx: cleo texts
        telnyxSms(cleo, cleo.words("text", "is the store open on Sunday?"));
        // the consents API: dan opts in on a web form (his name, IP address and browser)
        api(consent, "POST", "/v1/consents", consentJson(dan));
        // the import: eve's opt-in from another system
        api(consent, "POST", "/v1/consents/imports?tenantId=" + tenant, "[" + consentJson(eve) + "]");
        // a data-subject request: ana asks what is held about her
        requestDsar(ana, "ACCESS");
    }

    /** A request whose identity privacy-ops attests; what it checked (a document number) must be sealed too. */
    private void requestDsar(Person person, String type) throws Exception {
        String request = api(
                dsar,
                "POST",
                "/v1/dsar/requests",
                """
                {"tenantId":"%s","phoneNumber":"%s","type":"%s",
                 "attestation":{"evidence":"%s","assurance":"REASONABLY_HIGH"}}"""
                        .formatted(
                                tenant,
                                person.number,
                                type,
                                person.words("identity document", "passport checked at the branch")));
        dsarRequests.add(field(request, "id"));
    }

    /**
     * A request the person makes (through the tenant's SMS keyword handler) and verifies with the code texted to them,
     * read back from {@code dsar.sms-command.v1} as the tenant's messaging would.
     */
    private void requestVerifiedBySms(Person person, String type) throws Exception {
        String request = api(
                dsar,
                "POST",
                "/v1/dsar/requests",
                """
                {"tenantId":"%s","phoneNumber":"%s","type":"%s","source":"PERSON_SMS"}"""
                        .formatted(tenant, person.number, type));
        String id = field(request, "id");
        dsarRequests.add(id);
        String code;
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaLogin.clientConfigFromEnvironment(bootstrap))) {
            List<String> texted = new ArrayList<>();
            await("the code texted for request " + id, () -> {
                kafka.readAll(Topics.DSAR_SMS_COMMAND).stream()
                        .filter(r -> r.value().contains(id))
                        .findFirst()
                        .ifPresent(r -> texted.add(r.value()));
                return !texted.isEmpty();
            });
            String text = EventCodec.decode(texted.get(0), VerificationSmsRequested.class)
                    .data()
                    .body();
            Matcher digits = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
            if (!digits.find()) {
                throw new IllegalStateException("no code in the verification text of request " + id);
            }
            code = digits.group(1);
        }
        api(dsar, "POST", "/v1/dsar/requests/" + id + "/verification", "{\"code\":\"" + code + "\"}");
    }

    private String consentJson(Person person) {
        String ip = "198.51." + ThreadLocalRandom.current().nextInt(100, 200) + "."
                + ThreadLocalRandom.current().nextInt(10, 250);
        needles.put(person.name + "'s IP address", ip);
        return """
                {"tenantId":"%s","phoneNumber":"%s","channel":"SMS","level":"EXPRESS_WRITTEN","source":"WEB_FORM",
                 "campaignId":"CCENSUS","disclosureText":"Texts from Census Co. Reply STOP to end.",
                 "disclosureVersion":"v1","capturedAt":"%s","subjectName":"%s","ipAddress":"%s","userAgent":"%s"}"""
                .formatted(
                        tenant,
                        person.number,
                        now(),
                        person.words("name", person.name.toUpperCase()),
                        ip,
                        person.words("browser", "Mozilla/5.0 (Census)"));
    }

    /** Until every flow has had its effect: the opt-outs answer DENY, the opt-ins ALLOW, the requests are answered. */
    private void awaitApplied() throws Exception {
        awaitAnswer(ana, "OPTED_OUT");
        awaitAnswer(ben, "OPTED_OUT");
        awaitAnswer(dan, "\"ALLOW\"");
        awaitAnswer(eve, "\"ALLOW\"");
        await("ana's message waiting for review", () -> api(
                        consent, "GET", "/v1/revocation-reviews?tenantId=" + tenant, null)
                .contains("\"body\""));
        // ben, opted out, texts the tenant's privacy keyword to be deleted: the code texted back to him proves it is
        // his
        // number, and his verified deletion request erases him
        requestVerifiedBySms(ben, "DELETION");
        for (String id : dsarRequests) {
            await("data-subject request " + id + " answered", () -> api(dsar, "GET", "/v1/dsar/requests/" + id, null)
                    .contains("RESULTS_COMPLETE"));
        }
        // and the consumers without a visible answer (disclosure verdicts, inventory, interactions): every running
        // consumer group has committed all it was sent
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaLogin.clientConfigFromEnvironment(bootstrap))) {
            await("every consumer caught up", () -> kafka.lagOfActiveGroups() == 0);
        }
    }

    private void awaitAnswer(Person person, String expected) throws Exception {
        String sendAt = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .plus(15, ChronoUnit.HOURS)
                .toString();
        await(person.name + " answered " + expected, () -> api(
                        consent,
                        "POST",
                        "/v1/authorizations",
                        """
                        {"tenantId":"%s","channel":"SMS","from":"%s","to":"%s","contentClass":"INFORMATIONAL",
                         "sendAt":"%s"}"""
                                .formatted(tenant, SENDER, person.number, sendAt))
                .contains(expected));
    }

    /** Everyone erased: ben by his deletion request already, the others by privacy-ops. @return their subject ids */
    private Map<String, String> erase() throws Exception {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (Person person : List.of(ana, ben, cleo, dan, eve)) {
            String answer = api(
                    consent,
                    "POST",
                    "/v1/erasures",
                    """
                    {"tenantId":"%s","phoneNumber":"%s","requestRef":"census-%s"}"""
                            .formatted(tenant, person.number, run));
            String outcome = field(answer, "outcome");
            if (!Set.of("ERASED", "ALREADY_ERASED").contains(outcome)) {
                throw new IllegalStateException(person.name + " was not erased: " + answer);
            }
            if (person == ben && !outcome.equals("ALREADY_ERASED")) {
                throw new IllegalStateException("ben's deletion request did not erase him: " + answer);
            }
            subjects.put(person.name, field(answer, "subjectId"));
        }
        return subjects;
    }

    // ---- the scans ------------------------------------------------------------------------------------------------

    private List<String> findings(String when) throws Exception {
        List<String> found = new ArrayList<>();
        found.addAll(inDatabase());
        found.addAll(inTopics());
        System.out.printf("[census] %s: %d finding(s)%n", when, found.size());
        return found;
    }

    /** Every column of every table of every schema: the whole database, as pg_dump writes its data. */
    private List<String> inDatabase() throws Exception {
        Process dump = new ProcessBuilder(
                        "runuser", "-u", "postgres", "--", "pg_dump", "--data-only", "-p", dbPort, "-d", dbName)
                // its warnings (circular foreign keys: irrelevant to reading the data) only matter when it fails
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> found = new ArrayList<>();
        String table = "?";
        long lines = 0;
        try (var reader = dump.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                if (line.startsWith("COPY ")) {
                    table = line.substring(5, line.indexOf(' ', 5));
                    continue;
                }
                String where = "table " + table;
                for (Map.Entry<String, String> needle : needles.entrySet()) {
                    if (line.contains(needle.getValue())) {
                        (EXCEPTIONS.containsKey(where) ? excepted : found).add(needle.getKey() + " in " + where);
                    }
                }
            }
        }
        if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0) {
            throw new IllegalStateException("pg_dump failed");
        }
        System.out.printf("[census] database %s: %d lines of data read%n", dbName, lines);
        return found.stream().distinct().toList();
    }

    /** Every record of every topic — key, value and headers, aborted transactions too — from its beginning. */
    private List<String> inTopics() {
        List<String> found = new ArrayList<>();
        Map<String, Long> counted = new TreeMap<>();
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaLogin.clientConfigFromEnvironment(bootstrap))) {
            for (String topic : kafka.topics()) {
                String where = "topic " + topic;
                counted.put(topic, kafka.readEachStored(topic, record -> {
                    String text = record.key() + "\n" + record.value() + "\n" + headers(record);
                    needles.forEach((what, needle) -> {
                        if (text.contains(needle)) {
                            (EXCEPTIONS.containsKey(where) ? excepted : found).add(what + " in " + where);
                        }
                    });
                }));
            }
        }
        System.out.printf("[census] topics: %s records read%n", counted);
        return found.stream().distinct().toList();
    }

    private static String headers(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder();
        for (Header header : record.headers()) {
            text.append(header.key())
                    .append('=')
                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return text.toString();
    }

    /** After the erasures no data key of the run's people may remain: whatever was sealed for them stays shut. */
    private List<String> keysLeft(Map<String, String> subjects) throws Exception {
        String list = subjects.values().stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
        String left = psql("SELECT count(*) FROM mesh_keys.data_key WHERE tenant_id = '" + tenant
                + "' AND subject_id IN (" + list + ")");
        String erasures = psql("SELECT count(DISTINCT subject_id) FROM mesh_keys.erasure WHERE tenant_id = '" + tenant
                + "' AND subject_id IN (" + list + ")");
        System.out.printf("[census] erasures recorded for %s of %d people%n", erasures, subjects.size());
        List<String> found = new ArrayList<>();
        if (!left.equals("0")) {
            found.add(left + " data key(s) of erased people still in mesh_keys.data_key");
        }
        if (!erasures.equals(String.valueOf(subjects.size()))) {
            found.add("erasures recorded for " + erasures + " of " + subjects.size() + " people");
        }
        return found;
    }

    private String psql(String sql) throws Exception {
        Process query = new ProcessBuilder(
                        "runuser", "-u", "postgres", "--", "psql", "-q", "-tA", "-p", dbPort, "-d", dbName, "-c", sql)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!query.waitFor(1, TimeUnit.MINUTES) || query.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + sql);
        }
        return out;
    }

    private static void report(String what, List<String> findings) {
        if (findings.isEmpty()) {
            System.out.printf("[census] %s: none%n", what);
        } else {
            System.out.printf("[census] %s:%n", what);
            findings.forEach(f -> System.out.printf("[census]   %s%n", f));
        }
    }

    // ---- the providers' requests ------------------------------------------------------------------------------------

    private List<Map.Entry<String, String>> sms(Person person, String body) {
        return form(
                "AccountSid",
                twilioAccount,
                "MessageSid",
                "SM" + HexFormat.of().formatHex(randomBytes(16)),
                "From",
                person.number,
                "To",
                SENDER,
                "Body",
                body,
                "NumSegments",
                "1");
    }

    /** Signed as Twilio signs: the URL the mesh is configured with, then every parameter sorted by name. */
    private void twilio(String path, List<Map.Entry<String, String>> params, int expected) throws Exception {
        String signature = TwilioSignature.sign(ingest + path, params, twilioToken);
        send(path, formBody(params), Map.of("X-Twilio-Signature", signature), expected);
    }

    private void plivoSms(Person person, String text) throws Exception {
        String path = "/webhooks/plivo/" + plivoAuthId + "/sms";
        List<Map.Entry<String, String>> params = form(
                "From",
                person.number.substring(1),
                "To",
                SENDER.substring(1),
                "Text",
                text,
                "Type",
                "sms",
                "MessageUUID",
                UUID.randomUUID().toString());
        String nonce = HexFormat.of().formatHex(randomBytes(10));
        String signature = PlivoSignature.sign("POST", ingest + path, params, nonce, plivoToken);
        send(
                path,
                formBody(params),
                Map.of(PlivoSignature.SIGNATURE_HEADER, signature, PlivoSignature.NONCE_HEADER, nonce),
                200);
    }

    private void telnyxSms(Person person, String text) throws Exception {
        String body = ("{\"data\":{\"event_type\":\"message.received\",\"id\":\"%s\",\"occurred_at\":\"%s\","
                        + "\"payload\":{\"direction\":\"inbound\",\"id\":\"%s\",\"messaging_profile_id\":\"%s\","
                        + "\"from\":{\"phone_number\":\"%s\"},\"to\":[{\"phone_number\":\"%s\"}],"
                        + "\"text\":\"%s\",\"type\":\"SMS\",\"parts\":1},\"record_type\":\"event\"},"
                        + "\"meta\":{\"attempt\":1}}")
                .formatted(UUID.randomUUID(), now(), UUID.randomUUID(), telnyxProfile, person.number, SENDER, text);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        byte[] signed = (timestamp + "|" + body).getBytes(StandardCharsets.UTF_8);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(telnyxPrivate, 0, signed, 0, signed.length, signature, 0);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(ingest.resolve("/webhooks/telnyx"))
                        .header("Content-Type", "application/json")
                        .header("telnyx-timestamp", timestamp)
                        .header("telnyx-signature-ed25519", Base64.getEncoder().encodeToString(signature))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(response, "/webhooks/telnyx");
    }

    private void send(String path, String body, Map<String, String> headers, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static List<Map.Entry<String, String>> form(String... pairs) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return params;
    }

    private static String formBody(List<Map.Entry<String, String>> params) {
        return params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ---- the APIs ---------------------------------------------------------------------------------------------------

    private void admin(String method, String path, String json) throws Exception {
        call(ingest, method, path, "Bearer " + platformAdmin, json);
    }

    private String api(URI service, String method, String path, String json) throws Exception {
        return call(service, method, path, "Bearer " + tenantKey, json);
    }

    private void post(URI service, String path, String authorization, String json) throws Exception {
        call(service, "POST", path, authorization, json);
    }

    private String call(URI service, String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        expect(response, method + " " + path);
        return response.body();
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String secret(String value) {
        return "{\"secret\":\"" + value + "\"}";
    }

    private static String field(String json, String name) {
        Matcher found =
                Pattern.compile(FIELD.pattern().formatted(Pattern.quote(name))).matcher(json);
        return found.find() ? found.group(2) : null;
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.done()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not within " + WAIT.toSeconds() + " s: " + what);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static URI local(String uri) {
        URI parsed = URI.create(uri);
        if (!Set.of("127.0.0.1", "localhost").contains(parsed.getHost())) {
            throw new IllegalArgumentException("the census only ever talks to this machine (127.0.0.1): " + uri);
        }
        return parsed;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
